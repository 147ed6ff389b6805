using System.Security.Cryptography;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Formats.Gif;
using Provenance.Formats.Id3;
using Provenance.Formats.Jpeg;
using Provenance.Formats.JpegXl;
using Provenance.Formats.Png;
using Provenance.Formats.Riff;
using Provenance.Formats.Svg;
using Provenance.Formats.Tiff;
using Provenance.Manifests;

namespace Provenance.Fuzz;

/// <summary>
/// The fuzzing targets, one per entry point, shared by the AFL++ harness and the test that replays saved findings.
/// </summary>
/// <remarks>
/// The contract every target checks: malformed input comes out as a <see cref="ProvenanceException"/> (a
/// <see cref="ProvenanceFormatException"/> or <see cref="UnsupportedFormatException"/>) or as a result; any other
/// exception escapes and is a crash, and an input that runs past the fuzzer's time limit is a hang.
/// </remarks>
internal static class FuzzTargets
{
    /// <summary>
    /// Every target's name, as given on the command line and as the folder of its findings: the first word of each line
    /// of fuzz/targets.txt (embedded), the one list that the scripts read too.
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = ReadNames();

    /// <summary>The targets that drive one format handler alone, by name (made on first use, as <see cref="Signing"/>).</summary>
    public static IReadOnlyDictionary<string, FormatTarget> FormatTargets => Handlers.ByName;

    /// <summary>Runs <paramref name="target"/> on <paramref name="input"/>, keeping the contract.</summary>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not one of <see cref="Names"/>.</exception>
    public static void Run(string target, byte[] input)
    {
        Action<byte[]> run = target switch
        {
            "detect" => Detect,
            "read-store" => ReadStore,
            "verify" => Verify,
            "sign" => Sign,
            "cbor" => data => CborDecoder.Decode(data, CborDecodeOptions.Default),
            "jumbf" => data => ManifestStore.Parse(data),
            "cose" => data => CoseSign1Message.Decode(data),
            _ when FormatTargets.TryGetValue(target, out FormatTarget? format) => format.Run,
            _ => throw new ArgumentException($"unknown target '{target}'; one of: {string.Join(", ", Names)}", nameof(target)),
        };

        try
        {
            run(input);
        }
        catch (ProvenanceException)
        {
            // Malformed or unsupported input, reported as documented.
        }
    }

    private static string[] ReadNames()
    {
        using Stream list = typeof(FuzzTargets).Assembly.GetManifestResourceStream("targets.txt")
            ?? throw new InvalidOperationException("targets.txt is not embedded in the harness");
        using var reader = new StreamReader(list);
        return [.. reader.ReadToEnd().Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2)[0])];
    }

    private static void Detect(byte[] data)
    {
        using var stream = new MemoryStream(data, writable: false);
        AssetFormats.Detect(stream, out _);
    }

    private static void ReadStore(byte[] data)
    {
        using var stream = new MemoryStream(data, writable: false);
        IAssetFormat? format = AssetFormats.Detect(stream);
        format?.CreateHandler().ReadManifestStore(stream, AssetReadOptions.Default);
    }

    private static void Verify(byte[] data)
    {
        using var stream = new MemoryStream(data, writable: false);
        ManifestVerifier.Verify(stream, Signing.Verification);
    }

    private static void Sign(byte[] data)
    {
        using var input = new MemoryStream(data, writable: false);
        if (AssetFormats.Detect(input) is null)
        {
            return;
        }

        using var output = new MemoryStream();
        new ManifestBuilder().SetTitle("fuzz").Sign(input, output, Signing.Signer, Signing.Options);
    }

    /// <summary>What the <c>verify</c> target verifies with: the fuzzing root as its one trust anchor.</summary>
    internal static VerificationOptions VerifyOptions => Signing.Verification;

    /// <summary>Signs <paramref name="asset"/> with the fuzzing key (for the seed corpus).</summary>
    public static byte[] SignForSeed(byte[] asset)
    {
        using var input = new MemoryStream(asset, writable: false);
        using var output = new MemoryStream();
        new ManifestBuilder().SetTitle("fuzz seed").Sign(input, output, Signing.Signer, Signing.Options);
        return output.ToArray();
    }

    /// <summary>The format targets; a class of its own so that nothing of the library runs before it is first used.</summary>
    private static class Handlers
    {
        public static Dictionary<string, FormatTarget> ByName { get; } = new()
        {
            ["jpeg"] = new(JpegFormat.Instance),
            ["png"] = new(PngFormat.Instance),
            ["bmff"] = new(BmffFormat.Instance),
            ["riff"] = new(RiffFormat.Instance),
            ["gif"] = new(GifFormat.Instance),
            ["tiff"] = new(TiffFormat.Instance),
            ["jxl"] = new(JpegXlFormat.Instance),
            ["svg"] = new(SvgFormat.Instance),
            ["id3"] = new(Mp3Format.Instance, FlacFormat.Instance),
        };
    }

    /// <summary>
    /// The fixed signing key and options, made on first use: none of the library's code may run before the harness
    /// has attached to AFL's coverage map, so <see cref="FuzzTargets"/> itself has no static state that calls into it.
    /// </summary>
    /// <remarks>
    /// The root's key is derived from a fixed phrase (a key for fuzzing, not a secret), so the root every process makes
    /// has the same name and key: seeds signed by one process chain to the anchor of another, and the <c>verify</c>
    /// target, which trusts it, takes signed inputs through certificate path validation (and the chains kept per anchor
    /// set), the same way in AFL's runs and in the tests that replay findings.
    /// </remarks>
    private static class Signing
    {
        private static readonly CertificateAuthority Root = CreateRoot();

        public static SigningOptions Options { get; } = new() { Thumbnails = null, VerifyAfterSign = false };

        // The certificates stay ours (the signer does not own them) and live as long as the process.
        public static LocalSigner Signer { get; } = LocalSigner.FromCertificate(Root.IssueSigningCertificate("Provenance Fuzz Signer", SigningAlgorithm.ES256));

        public static VerificationOptions Verification { get; } = new() { TrustAnchors = TrustAnchorSet.FromCertificates([Root.Certificate]) };

        private static CertificateAuthority CreateRoot()
        {
            byte[] d = SHA256.HashData("Provenance fuzzing root key: a test key, not a secret"u8);
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            return CertificateAuthority.CreateRoot("Provenance Fuzz Root CA", key, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2046, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }
    }
}
