using System.Text.Json;

namespace Provenance.Tests.Interop;

/// <summary>The oracle itself: c2pa-rs, run by our harness, gives the verdicts recorded in expected-verdicts.jsonl.</summary>
[Collection("c2pa-rs")]
public class C2paRsOracleTests
{
    [Theory]
    [MemberData(nameof(Validation.FixtureVerdictTests.Files), MemberType = typeof(Validation.FixtureVerdictTests))]
    public void C2paRs_Fixture_MatchesRecordedVerdict(string expectedLine)
    {
        using JsonDocument expected = JsonDocument.Parse(expectedLine);
        string file = expected.RootElement.GetProperty("file").GetString()!;
        string mime = file.EndsWith(".mp4", StringComparison.Ordinal) ? "video/mp4" : "image/jpeg";

        C2paRsReport report = C2paRs.Verify(TestPaths.Fixture(file), mime, TestPaths.Fixture("test_cert_root_bundle.pem"));

        Assert.Null(report.Error);
        Assert.Equal(expected.RootElement.GetProperty("state").GetString(), report.ValidationState);
        Assert.Equal(expected.RootElement.GetProperty("manifests").GetInt32(), report.ManifestCount);
        Assert.Equal(expected.RootElement.GetProperty("failure").EnumerateArray().Select(e => e.GetString()!).Order(), report.FailureCodes.Order());
    }

    [Theory]
    [MemberData(nameof(Validation.FixtureVerdictTests.ConformanceFiles), MemberType = typeof(Validation.FixtureVerdictTests))]
    public void C2paRs_ConformanceFixture_MatchesRecordedVerdict(string expectedLine)
    {
        using JsonDocument expected = JsonDocument.Parse(expectedLine);
        string file = expected.RootElement.GetProperty("file").GetString()!;

        C2paRsReport report = C2paRs.Verify(TestPaths.Fixture(file), Validation.FixtureVerdictTests.MimeTypeOf(file), TestPaths.Fixture("test_cert_root_bundle.pem"));

        if (expected.RootElement.TryGetProperty("error", out JsonElement error))
        {
            Assert.NotNull(report.Error);
            Assert.Contains(error.GetString()!.TrimEnd(')'), report.Error, StringComparison.Ordinal);
            return;
        }

        Assert.Null(report.Error);
        Assert.Equal(expected.RootElement.GetProperty("state").GetString(), report.ValidationState);
        Assert.Equal(expected.RootElement.GetProperty("manifests").GetInt32(), report.ManifestCount);
        Assert.Equal(expected.RootElement.GetProperty("failure").EnumerateArray().Select(e => e.GetString()!).Order(), report.FailureCodes.Order());
    }

    [Fact]
    public void C2paRs_UnsignedFixture_ReportsNoManifest()
    {
        C2paRsReport report = C2paRs.Verify(TestPaths.Fixture("no_manifest.jpg"), "image/jpeg", null);

        Assert.NotNull(report.Error);
        Assert.Contains("JumbfNotFound", report.Error, StringComparison.Ordinal);
    }
}
