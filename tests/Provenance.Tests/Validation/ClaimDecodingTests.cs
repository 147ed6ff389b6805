using System.Text;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// A claim that is not CBOR and a claim that is CBOR but lacks a required field get different codes (C2PA 2.2 §15.6):
/// the validator tells them apart by the layer of the format error, not by its message.
/// </summary>
public class ClaimDecodingTests
{
    [Fact]
    public async Task Verify_ClaimNotCbor_ClaimCborInvalid()
    {
        byte[] signed = await SignAsync();
        byte[] tampered = ReplaceInClaim(signed, claim => claim[0] = 0xFF); // a "break" where the claim map starts

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(tampered));

        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.ClaimCborInvalid);
        Assert.DoesNotContain(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.ClaimMalformed);
    }

    [Fact]
    public async Task Verify_ClaimWithoutInstanceId_ClaimMalformed()
    {
        byte[] signed = await SignAsync();
        byte[] key = Encoding.ASCII.GetBytes("instanceID");
        byte[] tampered = ReplaceInClaim(signed, claim =>
        {
            int at = claim.AsSpan().IndexOf(key);
            Assert.True(at > 0);
            claim[at + key.Length - 1] = (byte)'X'; // still CBOR, same length: "instanceIX"
        });

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(tampered));

        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.ClaimMalformed);
        Assert.DoesNotContain(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.ClaimCborInvalid);
    }

    private static async Task<byte[]> SignAsync()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        await new ManifestBuilder { Title = "claim decoding" }.SignAsync(
            new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, new SigningOptions { Thumbnails = null });
        return output.ToArray();
    }

    // The claim keeps its length, so the JUMBF and JPEG framing around it stay intact.
    private static byte[] ReplaceInClaim(byte[] asset, Action<byte[]> change)
    {
        byte[] claim = Tampering.ClaimBytes(asset);
        int offset = asset.AsSpan().IndexOf(claim);
        Assert.True(offset > 0);
        byte[] changed = (byte[])claim.Clone();
        change(changed);
        byte[] result = (byte[])asset.Clone();
        changed.CopyTo(result, offset);
        return result;
    }
}
