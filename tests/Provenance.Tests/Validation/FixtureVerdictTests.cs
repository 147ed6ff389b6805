using System.Text.Json;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// Our verdicts on files signed by c2pa-rs, c2patool and Adobe tools must equal c2pa-rs's, recorded in
/// ../shared/fixtures/c2pa-rs/expected-verdicts.jsonl (state, manifest count, failure codes).
/// </summary>
public class FixtureVerdictTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string line in File.ReadLines(TestPaths.Fixture("expected-verdicts.jsonl")))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                data.Add(line);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Verify_C2paRsFixture_MatchesC2paRsVerdict(string expectedLine)
    {
        using JsonDocument expected = JsonDocument.Parse(expectedLine);
        string file = expected.RootElement.GetProperty("file").GetString()!;
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) };

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture(file), options);

        Assert.True(report.HasManifest);
        Assert.Equal(expected.RootElement.GetProperty("state").GetString(), report.State.ToString());
        Assert.Equal(expected.RootElement.GetProperty("manifests").GetInt32(), report.Manifests.Count);
        string[] expectedFailures = [.. expected.RootElement.GetProperty("failure").EnumerateArray().Select(e => e.GetString()!).Order()];
        Assert.Equal(expectedFailures, report.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
    }
}
