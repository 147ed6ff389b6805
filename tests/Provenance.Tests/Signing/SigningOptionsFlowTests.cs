using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Jpeg;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>
/// The caller's signing options reach the validation signing does itself (of ingredients, and of its own output): the
/// clock and the read limits are the signer's, not fresh defaults.
/// </summary>
public class SigningOptionsFlowTests
{
    // A century on, every test certificate has expired by the signing clock, though not by the system's.
    private static readonly TimeProvider CenturyOn = new FixedClock(DateTimeOffset.UtcNow.AddYears(100));

    [Fact]
    public async Task SignAsync_SigningClockPastTheIngredientsSigner_RecordsItExpired()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        string dir = TestPaths.NewTempDirectory();
        string first = Path.Combine(dir, "first.jpg");
        await new ManifestBuilder { Title = "first" }.SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), first, signer, new SigningOptions { Thumbnails = null });
        var options = new SigningOptions { TimeProvider = CenturyOn, IngredientTrustAnchors = TestSigners.Anchors, Thumbnails = null, VerifyAfterSign = false };

        using var output = new MemoryStream();
        await using (FileStream input = File.OpenRead(first))
        {
            await new ManifestBuilder { Title = "second" }.AddIngredient(first, IngredientRelationship.ParentOf).SignAsync(input, output, signer, options);
        }

        // What the ingredient assertion recorded when it was added (C2PA 2.2 §15.11.2), as the signer's clock saw it.
        CborMap results = RecordedResults(output.ToArray()).AsMap();
        IEnumerable<string> failures = results["failure"].AsArray().Select(s => s.AsMap()["code"].AsString());
        Assert.Contains(StatusCodes.SigningCredentialExpired, failures);
    }

    [Fact]
    public async Task SignAsync_SigningClockPastTheSigner_VerificationAfterSigningRefuses()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();

        ProvenanceSigningException ex = await Assert.ThrowsAsync<ProvenanceSigningException>(async () =>
        {
            await using FileStream input = File.OpenRead(TestPaths.Fixture("no_manifest.jpg"));
            await new ManifestBuilder().SignAsync(input, output, signer, new SigningOptions { TimeProvider = CenturyOn, Thumbnails = null });
        });

        Assert.Contains(ex.Failures, f => f.Code == StatusCodes.SigningCredentialExpired);
    }

    private static CborValue RecordedResults(byte[] signed)
    {
        EmbeddedManifestStore embedded = new JpegHandler().ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!;
        Manifest active = ManifestStore.Parse(embedded.Store).ActiveManifest!;
        JumbfSuperBox ingredient = active.FindAssertion(C2paLabels.IngredientV3)!;
        CborMap map = CborValue.Decode(ingredient.FirstContent(FourCC.Cbor)!.Data).AsMap();
        return map["validationResults"].AsMap()["activeManifest"];
    }
}
