using Provenance.Cryptography;
using Provenance.Tests.Samples;

namespace Provenance.Tests.Interop;

/// <summary>What the remote-signer sample signs through its HTTP key service, c2pa-rs trusts.</summary>
[Collection("c2pa-rs")]
public class RemoteSignerInteropTests
{
    [Fact]
    public void C2paRs_RemoteSignerSampleOutputs_Trusted()
    {
        string home = TestPaths.NewTempDirectory();
        string outputs = Path.Combine(home, "out");

        (int exitCode, string output, string error) = SampleProjects.Run("RemoteSigner", home, outputs);

        Assert.True(exitCode == 0, output + error);
        string root = DevelopmentCertificates.EnsureCreated(Path.Combine(home, "dev-certs")).RootCertificatePath;
        foreach ((string file, string mimeType) in (ValueTuple<string, string>[])[("sample.signed.jpg", "image/jpeg"), ("sample.signed.png", "image/png")])
        {
            C2paRsReport report = C2paRs.Verify(Path.Combine(outputs, file), mimeType, root);
            Assert.True(report.ValidationState == "Trusted", $"{file}: c2pa-rs says {report.ValidationState} [{string.Join(", ", report.FailureCodes)}] {report.Error}");
            Assert.Empty(report.FailureCodes);
        }
    }
}
