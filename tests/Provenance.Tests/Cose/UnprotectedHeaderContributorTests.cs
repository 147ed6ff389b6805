using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;

namespace Provenance.Tests.Cose;

/// <summary>
/// Headers added to the unprotected bucket once the claim is signed (a time-stamp, OCSP responses): their room is in
/// the reserved size, they see the signature that ends up in the message, and one larger than it said is refused.
/// </summary>
public class UnprotectedHeaderContributorTests
{
    private static readonly byte[] Claim = "{\"a claim\":2}"u8.ToArray();

    [Theory]
    [InlineData(SigningPath.LocalKey)]
    [InlineData(SigningPath.Remote)]
    public async Task SignDetached_Contributor_SeesTheSignatureAndItsHeaderFitsTheReservation(SigningPath path)
    {
        using var credentials = SameKeyCredentials.Create(SigningAlgorithm.ES256);
        IClaimSigner signer = credentials.CreateSigner(path);
        var contributor = new EchoContributor("sigTst2", maxValueSize: 600);
        int reserved = CoseSign1Writer.GetReservedSize(signer, [contributor]);

        byte[] encoded = await CoseSign1Writer.SignDetachedAsync(signer, Claim, reserved, [contributor]);

        Assert.Equal(reserved, encoded.Length);
        Assert.Equal(CoseSign1Writer.GetReservedSize(signer) + 600 + 8, reserved); // the value's room and the label's
        CoseSign1Message message = CoseSign1Message.Decode(encoded);
        Assert.Equal(message.Signature.ToArray(), contributor.Seen!.Value.Signature.ToArray());
        Assert.Equal(message.RawProtectedHeaders.ToArray(), contributor.Seen!.Value.ProtectedHeaders.ToArray());
        var header = (CborByteString)message.GetUnprotectedHeader(CoseHeaderLabels.Of("sigTst2"))!;
        Assert.Equal(message.Signature.ToArray(), header.Value.ToArray());
        Assert.True(CoseSign1Verifier.VerifyDetached(message, SigningAlgorithm.ES256, signer.CertificateChain[0], Claim));
    }

    [Theory]
    [InlineData(SigningPath.LocalKey)]
    [InlineData(SigningPath.Remote)]
    public async Task SignDetached_ContributorLargerThanItSaid_Refused(SigningPath path)
    {
        using var credentials = SameKeyCredentials.Create(SigningAlgorithm.ES256);
        IClaimSigner signer = credentials.CreateSigner(path);
        var contributor = new EchoContributor("rVals", maxValueSize: 10);

        // The reservation is generous (it has slack for padding), so only the contributor's own limit can catch this.
        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => CoseSign1Writer.SignDetachedAsync(signer, Claim, CoseSign1Writer.GetReservedSize(signer, [contributor]), [contributor]).AsTask());

        Assert.Contains("rVals", ex.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 10 reserved", ex.Message, StringComparison.Ordinal);
    }

    // Answers with the signature it was shown, as a byte string: 66 bytes for ES256.
    private sealed class EchoContributor(string label, int maxValueSize) : IUnprotectedHeaderContributor
    {
        public CoseSignatureParts? Seen { get; private set; }

        public string Label => label;

        public int MaxValueSize => maxValueSize;

        public ValueTask<CborValue?> CreateValueAsync(CoseSignatureParts signed, CancellationToken cancellationToken)
        {
            Seen = signed;
            return ValueTask.FromResult<CborValue?>(new CborByteString(signed.Signature.ToArray()));
        }
    }
}
