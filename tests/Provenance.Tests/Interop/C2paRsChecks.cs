using Provenance.Cryptography;
using Provenance.Tests.Signing;

namespace Provenance.Tests.Interop;

/// <summary>The check every format's interop tests make: c2pa-rs trusts what Provenance signs, with each algorithm.</summary>
internal static class C2paRsChecks
{
    /// <summary>The algorithms both tools sign with through a <see cref="LocalSigner"/> and PEM files (ES and PS).</summary>
    public static SigningAlgorithm[] Algorithms { get; } =
    [
        SigningAlgorithm.ES256, SigningAlgorithm.ES384, SigningAlgorithm.ES512,
        SigningAlgorithm.PS256, SigningAlgorithm.PS384, SigningAlgorithm.PS512,
    ];

    /// <summary>
    /// Signs <paramref name="inputPath"/> with each of <paramref name="algorithms"/> (all of them by default) and asserts
    /// that c2pa-rs reports the output Trusted, with no failure and one manifest.
    /// </summary>
    public static Task AssertTrustedByC2paRsAsync(string inputPath, string mimeType, string label, IReadOnlyList<SigningAlgorithm>? algorithms = null)
        => AssertTrustedByC2paRsAsync(File.ReadAllBytes(inputPath), Path.GetExtension(inputPath), mimeType, label, algorithms);

    /// <summary>As above, for an input held in memory, written with <paramref name="extension"/>.</summary>
    public static async Task AssertTrustedByC2paRsAsync(byte[] input, string extension, string mimeType, string label, IReadOnlyList<SigningAlgorithm>? algorithms = null)
    {
        string dir = TestPaths.NewTempDirectory();
        foreach (SigningAlgorithm algorithm in algorithms ?? Algorithms)
        {
            using LocalSigner signer = TestSigners.Create(algorithm);
            byte[] signed = await SignAndVerifyTests.SignAsync(input, signer, b => b.AddAuthor("Interop Author"));
            string path = Path.Combine(dir, $"{algorithm}{extension}");
            File.WriteAllBytes(path, signed);
            (_, _, string root) = TestSigners.WriteFiles(algorithm, dir);

            C2paRsReport report = C2paRs.Verify(path, mimeType, root);

            Assert.True(report.ValidationState == "Trusted", $"{label} {algorithm}: c2pa-rs says {report.ValidationState}, failures [{string.Join(", ", report.FailureCodes)}] {report.Error}");
            Assert.Empty(report.FailureCodes);
            Assert.Equal(1, report.ManifestCount);
        }
    }
}
