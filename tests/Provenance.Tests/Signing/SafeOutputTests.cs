using Provenance.Cryptography;

namespace Provenance.Tests.Signing;

/// <summary>Signing never leaves a half-written output and never damages its input.</summary>
public class SafeOutputTests
{
    [Fact]
    public async Task SignFile_InputNotAnImage_ThrowsAndLeavesNoOutput()
    {
        string dir = TestPaths.NewTempDirectory();
        string input = Path.Combine(dir, "notes.jpg");
        File.WriteAllText(input, "this is not an image");
        string output = Path.Combine(dir, "out.jpg");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await Assert.ThrowsAsync<UnsupportedFormatException>(() => new ManifestBuilder().SignFileAsync(input, output, signer));

        Assert.Equal(["notes.jpg"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SignFile_TruncatedJpeg_ThrowsAndLeavesNoOutput()
    {
        string dir = TestPaths.NewTempDirectory();
        byte[] original = File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"));
        string input = Path.Combine(dir, "cut.jpg");
        File.WriteAllBytes(input, original[..(original.Length / 2)]);
        string output = Path.Combine(dir, "out.jpg");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await Assert.ThrowsAsync<ProvenanceFormatException>(() => new ManifestBuilder().SignFileAsync(input, output, signer));

        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task SignFile_Cancelled_LeavesNoOutput()
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "out.png");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ManifestBuilder().SignFileAsync(TestPaths.Fixture("sample1.png"), output, signer, null, cancelled.Token));

        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task SignFile_OntoItself_ReplacesAtomicallyAndVerifies()
    {
        string dir = TestPaths.NewTempDirectory();
        string path = Path.Combine(dir, "photo.jpg");
        File.Copy(TestPaths.Fixture("no_manifest.jpg"), path);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder().SignFileAsync(path, path, signer);
        var report = await ManifestVerifier.VerifyFileAsync(path, new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(Provenance.Validation.ValidationState.Trusted, report.State);
        Assert.Single(Directory.GetFiles(dir));
    }
}
