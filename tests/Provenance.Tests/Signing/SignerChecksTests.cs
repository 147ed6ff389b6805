using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>A signer's result is checked before it is embedded: COSE's form and length, and its certificate's key.</summary>
public class SignerChecksTests
{
    private static readonly SigningOptions NoThumbnail = new() { Thumbnails = null };

    [Theory]
    [InlineData(SigningAlgorithm.ES256)]
    [InlineData(SigningAlgorithm.ES384)]
    [InlineData(SigningAlgorithm.ES512)]
    public async Task SignFile_SignerReturnsDer_ThrowsNamingTheConversionAndLeavesNoOutput(SigningAlgorithm algorithm)
    {
        using LocalSigner inner = TestSigners.Create(algorithm);

        (ProvenanceSigningException ex, string dir) = await SignExpectingFailureAsync(FaultySigner.Der(inner));

        Assert.Contains("DER-encoded ECDSA signature", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IEEE P1363", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EcdsaSignatureFormat.DerToP1363", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["input.jpg"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SignFile_DerConvertedWithDerToP1363_Signs()
    {
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES384);
        FaultySigner der = FaultySigner.Der(inner);
        var converted = new FaultySigner(der, d => EcdsaSignatureFormat.DerToP1363(d, SigningAlgorithm.ES384));
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "out.jpg");

        await new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), output, converted, NoThumbnail);

        Assert.Equal(ValidationState.Valid, (await ManifestVerifier.VerifyFileAsync(output)).State);
    }

    [Theory]
    [InlineData(SigningAlgorithm.ES256, 63)]
    [InlineData(SigningAlgorithm.ES512, 130)]
    [InlineData(SigningAlgorithm.PS256, 255)]
    public async Task SignFile_SignerTruncatesSignature_ThrowsNamingTheLengthAndLeavesNoOutput(SigningAlgorithm algorithm, int length)
    {
        using LocalSigner inner = TestSigners.Create(algorithm);

        (ProvenanceSigningException ex, string dir) = await SignExpectingFailureAsync(new FaultySigner(inner, s => s[..length]));

        Assert.Contains($"{length}-byte {algorithm} signature", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exactly", ex.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task SignFile_KeyDoesNotMatchCertificate_ThrowsAndLeavesNoOutput()
    {
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES256);
        using X509Certificate2 other = TestSigners.Root.IssueSigningCertificate("Someone Else", SigningAlgorithm.ES256);

        (ProvenanceSigningException ex, string dir) = await SignExpectingFailureAsync(new FaultySigner(inner, s => s, [other]));

        Assert.Contains("does not verify with the public key of its signing certificate (CN=Someone Else)", ex.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task SignFile_GarbageSignatureOfTheRightLength_ThrowsAndLeavesNoOutput()
    {
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES256);

        (ProvenanceSigningException ex, string dir) = await SignExpectingFailureAsync(new FaultySigner(inner, s => System.Security.Cryptography.RandomNumberGenerator.GetBytes(s.Length)));

        Assert.Contains("does not verify", ex.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task SignFile_EmptySignature_Throws()
    {
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES256);

        (ProvenanceSigningException ex, _) = await SignExpectingFailureAsync(new FaultySigner(inner, _ => []));

        Assert.Contains("no ES256 signature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPlace_KeyDoesNotMatchCertificate_ThrowsAndLeavesFileUntouched()
    {
        byte[] reserved = await InPlaceSigningTests.ReserveAsync(File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")), 64 * 1024);
        using var stream = new MemoryStream();
        stream.Write(reserved);
        stream.Position = 0;
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES256);
        using X509Certificate2 other = TestSigners.Root.IssueSigningCertificate("Someone Else", SigningAlgorithm.ES256);

        await Assert.ThrowsAsync<ProvenanceSigningException>(() => new ManifestBuilder().SignInPlaceAsync(stream, new FaultySigner(inner, s => s, [other]), NoThumbnail));

        Assert.Equal(reserved, stream.ToArray());
    }

    private static async Task<(ProvenanceSigningException Exception, string Directory)> SignExpectingFailureAsync(IClaimSigner signer)
    {
        string dir = TestPaths.NewTempDirectory();
        string input = Path.Combine(dir, "input.jpg");
        File.Copy(TestPaths.Fixture("no_manifest.jpg"), input);
        ProvenanceSigningException ex = await Assert.ThrowsAsync<ProvenanceSigningException>(
            () => new ManifestBuilder().SignFileAsync(input, Path.Combine(dir, "out.jpg"), signer, NoThumbnail));
        return (ex, dir);
    }
}
