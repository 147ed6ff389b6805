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
    public static TheoryData<string> Files() => Lines("expected-verdicts.jsonl");

    /// <summary>Files signed by others that exercise real-world verification (the fixtures README lists what each is).</summary>
    public static TheoryData<string> ConformanceFiles() => Lines("conformance-verdicts.jsonl");

    internal static string MimeTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".mp4" => "video/mp4",
        ".m4s" => "video/mp4",
        ".c2pa" => "application/c2pa",
        _ => "image/jpeg",
    };

    private static TheoryData<string> Lines(string name)
    {
        var data = new TheoryData<string>();
        foreach (string line in File.ReadLines(TestPaths.Fixture(name)))
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

        AssertSameVerdict(expected.RootElement, await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture(file), options));
    }

    [Theory]
    [MemberData(nameof(ConformanceFiles))]
    public async Task Verify_ConformanceFixture_MatchesC2paRsVerdict(string expectedLine)
    {
        using JsonDocument expected = JsonDocument.Parse(expectedLine);
        string file = expected.RootElement.GetProperty("file").GetString()!;
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) };
        if (expected.RootElement.TryGetProperty("error", out _))
        {
            // c2pa-rs cannot read these as C2PA: we must give a clear error or an Invalid report, never Valid or Trusted.
            ValidationReport? refused = null;
            var error = await Record.ExceptionAsync(async () => refused = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture(file), options));
            if (error is not null)
            {
                ProvenanceFormatException format = Assert.IsAssignableFrom<ProvenanceFormatException>(error);
                Assert.False(string.IsNullOrWhiteSpace(format.Reason));
            }
            else
            {
                Assert.Equal(ValidationState.Invalid, refused!.State);
                Assert.NotEmpty(refused.ActiveManifestResults.Failure);
            }

            return;
        }

        AssertSameVerdict(expected.RootElement, await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture(file), options));
    }

    [Fact]
    public async Task Verify_RemoteOnlyManifest_IsInvalidWithItsUrl()
    {
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture("cloud.jpg"));

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.StartsWith("https://", report.RemoteManifestUrl, StringComparison.Ordinal);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.ManifestInaccessible && f.Url == report.RemoteManifestUrl);
    }

    [Fact]
    public async Task Verify_MediaSegmentWithoutInit_ThrowsNamingTheInitSegment()
    {
        var error = await Assert.ThrowsAsync<UnsupportedFormatException>(() => ManifestVerifier.VerifyFileAsync(TestPaths.Fixture("dash1.m4s")));

        Assert.Contains("init segment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_UpdateManifest_BindsTheContentThroughItsParent()
    {
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) };

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture("update_manifest.jpg"), options);

        // The binding assertion that matched is the parent's (the update manifest has none of its own).
        ValidationStatus match = Assert.Single(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);
        Assert.DoesNotContain(report.ActiveManifest!, match.Url!, StringComparison.Ordinal);
        Assert.Equal(ValidationState.Trusted, report.State);
    }

    [Fact]
    public void ReadTimeStampAssertions_UpdateManifest_TimesItsParentsSignatureOnlyWhenTrusted()
    {
        // update_manifest.jpg's update manifest carries a c2pa.time-stamp assertion for its parent, a 1.x claim.
        Manifests.ManifestStore store = Tampering.ReadStore(File.ReadAllBytes(TestPaths.Fixture("update_manifest.jpg")), out _);
        string parent = store.Manifests[0].Label;

        IReadOnlyDictionary<string, TimeStampResult> legacy = TimeStampValidator.ReadTimeStampAssertions(store, store.ActiveManifest!, new VerificationOptions());
        IReadOnlyDictionary<string, TimeStampResult> strict = TimeStampValidator.ReadTimeStampAssertions(store, store.ActiveManifest!, new VerificationOptions { TrustLegacyTimeStamps = false });

        Assert.True(legacy[parent].IsTrusted);
        Assert.True(legacy[parent].FromAssertion);
        Assert.Empty(strict); // its authority chains to no anchor given, so the time is not used
    }

    [Fact]
    public void ReadTimeStampAssertions_FromAManifestNotReachedFromTheActiveOne_Ignored()
    {
        // Seen from the parent, the update manifest is merely present in the store: its assertion cannot time anything.
        Manifests.ManifestStore store = Tampering.ReadStore(File.ReadAllBytes(TestPaths.Fixture("update_manifest.jpg")), out _);

        Assert.Empty(TimeStampValidator.ReadTimeStampAssertions(store, store.Manifests[0], new VerificationOptions()));
    }

    private static void AssertSameVerdict(JsonElement expected, ValidationReport report)
    {
        Assert.True(report.HasManifest);
        Assert.Equal(expected.GetProperty("state").GetString(), report.State.ToString());
        Assert.Equal(expected.GetProperty("manifests").GetInt32(), report.Manifests.Count);
        string[] expectedFailures = [.. expected.GetProperty("failure").EnumerateArray().Select(e => e.GetString()!).Order()];
        Assert.Equal(expectedFailures, report.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
    }
}
