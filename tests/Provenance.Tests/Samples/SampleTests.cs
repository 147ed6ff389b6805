namespace Provenance.Tests.Samples;

/// <summary>Each sample runs to completion and says what it shows.</summary>
public class SampleTests
{
    [Fact]
    public void QuickStart_SignsAndVerifiesSampleJpeg_Trusted()
    {
        string dir = TestPaths.NewTempDirectory();

        (int exitCode, string output, string error) = SampleProjects.Run("QuickStart", dir, Path.Combine("samples", "sample.jpg"), Path.Combine(dir, "signed.jpg"));

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("Validation state: Trusted", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "signed.jpg")));
    }

    [Fact]
    public void AiVendorLabeling_BatchSignedThroughRemoteSigner_EveryImageTrustedWithModelAndPrompt()
    {
        string dir = TestPaths.NewTempDirectory();
        string outputs = Path.Combine(dir, "out");

        (int exitCode, string output, string error) = SampleProjects.Run("AiVendorLabeling", dir, outputs);

        Assert.True(exitCode == 0, output + error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] images = [.. lines.Where(l => l.Contains("generated-", StringComparison.Ordinal))];
        Assert.Equal(8, images.Length);
        Assert.All(images, l => Assert.Contains(": Trusted; AI: Generated, model Example Diffusion 3.1; prompt (text/plain); AI training: NotAllowed", l, StringComparison.Ordinal));
        Assert.Contains("through 8 remote signatures", output, StringComparison.Ordinal);
        Assert.Equal(8, Directory.GetFiles(outputs, "*.png").Length);
    }

    [Fact]
    public void StudioPipeline_ThreeGenerations_ChainWalkedWithCaptureAiEditAndComponents()
    {
        string dir = TestPaths.NewTempDirectory();

        (int exitCode, string output, string error) = SampleProjects.Run("StudioPipeline", dir, Path.Combine(dir, "out"));

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("Chain depth: 3", output, StringComparison.Ordinal);
        Assert.Contains(": Trusted (4 manifests in the store)", output, StringComparison.Ordinal);
        Assert.Contains("action c2pa.created digitalCapture by Example Camera Firmware 4.2", output, StringComparison.Ordinal);
        Assert.Contains("action c2pa.edited compositeWithTrainedAlgorithmicMedia by Example Inpaint 2.0", output, StringComparison.Ordinal);
        Assert.Contains("ingredient componentOf \"Title card\" (image/png)", output, StringComparison.Ordinal);
        Assert.Contains("ingredient componentOf \"Studio logo\" (image/jpeg), no manifest", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoteSigner_SignsThroughHttpKeyService_TrustedChainOnceAndCancellable()
    {
        string dir = TestPaths.NewTempDirectory();
        string outputs = Path.Combine(dir, "out");

        (int exitCode, string output, string error) = SampleProjects.Run("RemoteSigner", dir, outputs);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("sample.signed.jpg: Trusted; signed ES256", output, StringComparison.Ordinal);
        Assert.Contains("sample.signed.png: Trusted; signed ES256", output, StringComparison.Ordinal);
        Assert.Matches(@"Cancelled mid-request after \d+ ms: yes; the service saw the request abandoned: yes; output written: no", output);
        Assert.Matches(@"2 remote signatures through http://127\.0\.0\.1:\d+/; certificate chain fetched 1 time", output);
        Assert.False(File.Exists(Path.Combine(outputs, "cancelled.jpg")));
    }
}
