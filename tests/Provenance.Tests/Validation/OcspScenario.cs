using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Tests.Cryptography;

namespace Provenance.Tests.Validation;

/// <summary>
/// Signed files whose claim signatures carry OCSP responses, honest or not: signed through the library, and then, as an
/// attacker would (the unprotected header is not signed), with their <c>rVals</c> or <c>sigTst2</c> rewritten.
/// </summary>
internal sealed class OcspScenario : IDisposable
{
    public OcspScenario(string name) => Authority = new OcspTestAuthority(name);

    public OcspTestAuthority Authority { get; }

    /// <summary>Verification with the test root as the only anchor, offline.</summary>
    public VerificationOptions Offline => new() { TrustAnchors = Authority.Anchors };

    /// <summary>Signs no_manifest.jpg, without a thumbnail, with <paramref name="options"/> on top of the test defaults.</summary>
    public static async Task<byte[]> SignAsync(IClaimSigner signer, SigningOptions? options = null)
    {
        var builder = new ManifestBuilder { Title = "ocsp test" };
        using var output = new MemoryStream();
        await builder.SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, (options ?? new SigningOptions()) with { Thumbnails = null });
        return output.ToArray();
    }

    /// <summary>The asset with its claim signature's stapled responses replaced (none removes <c>rVals</c>); the signature still holds.</summary>
    public static byte[] Restaple(byte[] asset, params byte[][] responses)
        => WithUnprotected(asset, CoseHeaderLabels.RVals, responses.Length == 0 ? null : new CborMap
        {
            { RevocationValues.OcspVals, new CborArray(responses.Select(r => (CborValue)new CborByteString(r))) },
        });

    /// <summary>The asset with a time-stamp token from <paramref name="tsa"/> saying the signature existed at <paramref name="time"/>.</summary>
    public static byte[] TimeStamp(byte[] asset, X509Certificate2 tsa, DateTimeOffset time)
    {
        byte[] token = Tampering.ForgeTimeStampToken(Tampering.FindCose(asset).Message, tsa, time);
        return WithUnprotected(asset, CoseHeaderLabels.SigTst2, new CborMap
        {
            { "tstTokens", new CborArray { new CborMap { { "val", new CborByteString(token) } } } },
        });
    }

    /// <summary>The stapled responses of the asset's active claim signature.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Stapled(byte[] asset) => RevocationValues.Read(Tampering.FindCose(asset).Message);

    public void Dispose() => Authority.Dispose();

    private static byte[] WithUnprotected(byte[] asset, string label, CborValue? value)
    {
        CoseSign1Message message = Tampering.FindCose(asset).Message;
        var headers = new CborMap();
        foreach (string kept in new[] { CoseHeaderLabels.SigTst2, CoseHeaderLabels.RVals })
        {
            if (kept != label && message.GetUnprotectedHeader(CoseHeaderLabels.Of(kept)) is { } existing)
            {
                headers.Add(new CborTextString(kept), existing);
            }
        }

        if (value is not null)
        {
            headers.Add(new CborTextString(label), value);
        }

        return Tampering.ReplaceCose(asset, message.RawProtectedHeaders.ToArray(), headers, message.Signature.ToArray());
    }
}
