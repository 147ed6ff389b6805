using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Tests.Interop;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>Chains of edits: parents and components whose manifests travel into the new store.</summary>
[Collection("c2pa-rs")]
public class IngredientTests
{
    [Fact]
    public async Task Sign_WithSignedParent_BothVerifiersTrustTheChain()
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        string first = Path.Combine(dir, "first.jpg");
        string second = Path.Combine(dir, "second.jpg");
        await new ManifestBuilder { Title = "first" }.SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), first, signer);
        var options = new SigningOptions { IngredientTrustAnchors = TestSigners.Anchors, Thumbnails = null };

        await new ManifestBuilder { Title = "second" }.AddIngredient(first, IngredientRelationship.ParentOf).SignFileAsync(first, second, signer, options);

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(second, new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Equal(2, ours.Manifests.Count);
        Assert.Equal(C2paActions.Opened, ours.Active!.Actions[0].Action);
        IngredientInfo parent = Assert.Single(ours.Active.Ingredients);
        Assert.Equal("parentOf", parent.Relationship);
        Assert.Equal(ours.Manifests[0].Label, parent.ActiveManifest);
        IngredientDelta delta = Assert.Single(ours.IngredientDeltas);
        Assert.Contains(delta.ValidationDeltas.Success, s => s.Code == StatusCodes.IngredientManifestValidated);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        C2paRsReport theirs = C2paRs.Verify(second, "image/jpeg", root);
        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        Assert.Equal(2, theirs.ManifestCount);
    }

    [Fact]
    public async Task Sign_WithC2paRsSignedComponent_CarriesItsManifestAndValidatesIt()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        TrustAnchorSet anchors = TrustAnchorSet.FromCertificates([.. TestSigners.Anchors.Certificates, .. TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")).Certificates]);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("sample1.png")), signer, b => b.AddIngredient(TestPaths.Fixture("C.jpg"), IngredientRelationship.ComponentOf));

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), new VerificationOptions { TrustAnchors = anchors });

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(2, report.Manifests.Count);
        Assert.Equal([C2paActions.Created, C2paActions.Placed], report.Active!.Actions.Select(a => a.Action));
    }

    [Fact]
    public async Task Verify_CarriedManifestTampered_IngredientManifestMismatch()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.AddIngredient(TestPaths.Fixture("C.jpg"), IngredientRelationship.ComponentOf));
        int author = signed.AsSpan().IndexOf("John Doe"u8); // inside C.jpg's carried manifest
        signed[author] = (byte)'X';

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);

        // Like c2pa-rs, the mismatch is filed under the ingredient it was found checking.
        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.IngredientDeltas.SelectMany(d => d.ValidationDeltas.Failure), f => f.Code == StatusCodes.IngredientManifestMismatch);
    }

    [Fact]
    public void AddIngredient_SecondParent_ArgumentException()
        => Assert.Throws<ArgumentException>(() => new ManifestBuilder()
            .AddIngredient(TestPaths.Fixture("C.jpg"), IngredientRelationship.ParentOf)
            .AddIngredient(TestPaths.Fixture("CA.jpg"), IngredientRelationship.ParentOf));
}
