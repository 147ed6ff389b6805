using System.Collections;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>
/// Reads a time-stamp authority's answer (a TimeStampResp, RFC 3161 §2.4.2) and checks that its token answers the request:
/// granted, the nonce sent, the message imprint sent, a valid signature by a time-stamping certificate carried in the
/// token. Each failure says what the authority answered.
/// </summary>
internal static class TimeStampReply
{
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    // PKIFailureInfo bits (RFC 3161 §2.4.2).
    private static readonly Dictionary<int, string> FailureNames = new()
    {
        [0] = "badAlg", [2] = "badRequest", [5] = "badDataFormat", [14] = "timeNotAvailable", [15] = "unacceptedPolicy",
        [16] = "unacceptedExtension", [17] = "addInfoNotAvailable", [25] = "systemFailure",
    };

    private static readonly string[] StatusNames = ["granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"];

    /// <summary>Returns the DER of the token in <paramref name="reply"/>, once it is shown to answer <paramref name="request"/>.</summary>
    /// <exception cref="TimeStampAuthorityException">The answer is not a granted, matching, verifiable token.</exception>
    public static byte[] ReadToken(Uri authority, Rfc3161TimestampRequest request, byte[] reply, int httpStatus)
    {
        TimeStampAuthorityException Fail(string what) => new(authority, $"The time-stamp authority {authority} {what}.", httpStatus);
        ReadOnlyMemory<byte> tokenBytes = Unwrap(reply, Fail);
        if (!Rfc3161TimestampToken.TryDecode(tokenBytes, out Rfc3161TimestampToken? token, out _))
        {
            throw Fail("granted the request but its token is not a CMS SignedData with TSTInfo content");
        }

        Rfc3161TimestampTokenInfo info = token.TokenInfo;
        ReadOnlyMemory<byte>? sentNonce = request.GetNonce();
        ReadOnlyMemory<byte>? nonce = info.GetNonce();
        if (nonce is null || !nonce.Value.Span.SequenceEqual(sentNonce!.Value.Span))
        {
            // RFC 3161 §2.4.2: the nonce MUST be the request's; another one is a replayed or misdirected answer.
            string answered = nonce is null ? "no nonce" : $"nonce {Convert.ToHexString(nonce.Value.Span)}";
            throw Fail($"answered with {answered}, not the nonce {Convert.ToHexString(sentNonce!.Value.Span)} it was sent");
        }

        ReadOnlyMemory<byte> hash = request.GetMessageHash();
        if (info.HashAlgorithmId.Value != request.HashAlgorithmId.Value || !info.GetMessageHash().Span.SequenceEqual(hash.Span))
        {
            throw Fail($"time-stamped another message imprint ({Describe(info.HashAlgorithmId)} {Convert.ToHexString(info.GetMessageHash().Span)}) than the one it was sent ({Describe(request.HashAlgorithmId)} {Convert.ToHexString(hash.Span)})");
        }

        var carried = new X509Certificate2Collection();
        carried.AddRange(token.AsSignedCms().Certificates);
        if (!token.VerifySignatureForHash(hash.Span, request.HashAlgorithmId, out X509Certificate2? signer, carried) || signer is null)
        {
            throw Fail("answered with a token whose signature does not verify with a certificate it carries (the request asked for the certificate)");
        }

        if (CertificateContent.FindProblem(signer) is string problem)
        {
            throw Fail($"signed its token with a malformed certificate ({problem})");
        }

        if (!ChainValidator.ExtendedKeyUsages(signer).Contains(TimeStampingEku))
        {
            throw Fail($"signed its token with a certificate ({signer.Subject}) that lacks the time-stamping extended key usage (RFC 3161 §2.3)");
        }

        if (info.Timestamp < signer.NotBefore || info.Timestamp > signer.NotAfter)
        {
            throw Fail($"dated its token {info.Timestamp:u}, outside its certificate's validity ({signer.NotBefore.ToUniversalTime():u} to {signer.NotAfter.ToUniversalTime():u})");
        }

        return tokenBytes.ToArray();
    }

    // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }
    // PKIStatusInfo ::= SEQUENCE { status PKIStatus, statusString PKIFreeText OPTIONAL, failInfo PKIFailureInfo OPTIONAL }
    private static ReadOnlyMemory<byte> Unwrap(byte[] reply, Func<string, TimeStampAuthorityException> fail)
    {
        int status;
        var texts = new List<string>();
        var failures = new List<string>();
        ReadOnlyMemory<byte>? token = null;
        try
        {
            var reader = new AsnReader(reply, AsnEncodingRules.BER);
            AsnReader response = reader.ReadSequence();
            AsnReader statusInfo = response.ReadSequence();
            if (!statusInfo.TryReadInt32(out status))
            {
                throw fail("answered a TimeStampResp whose status is not a small integer");
            }

            if (statusInfo.HasData && statusInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                AsnReader freeText = statusInfo.ReadSequence();
                while (freeText.HasData)
                {
                    texts.Add(freeText.ReadCharacterString(UniversalTagNumber.UTF8String));
                }
            }

            if (statusInfo.HasData)
            {
                BitArray bits = statusInfo.ReadNamedBitList();
                for (int i = 0; i < bits.Length; i++)
                {
                    if (bits[i])
                    {
                        failures.Add(FailureNames.GetValueOrDefault(i, $"bit {i}"));
                    }
                }
            }

            if (response.HasData)
            {
                token = response.ReadEncodedValue();
            }
        }
        catch (AsnContentException ex)
        {
            throw fail($"answered {reply.Length} bytes that are not a TimeStampResp ({ex.Message})");
        }

        if (status is not (0 or 1))
        {
            string name = status >= 0 && status < StatusNames.Length ? $"{StatusNames[status]} ({status})" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string failInfo = failures.Count > 0 ? $", failInfo {string.Join(", ", failures)}" : "";
            string text = texts.Count > 0 ? $": \"{string.Join(" ", texts)}\"" : "";
            throw fail($"refused the request: PKIStatus {name}{failInfo}{text}");
        }

        return token ?? throw fail($"granted the request (PKIStatus {status}) but sent no token");
    }

    private static string Describe(Oid algorithm) => algorithm.Value switch
    {
        "2.16.840.1.101.3.4.2.1" => "SHA-256",
        "2.16.840.1.101.3.4.2.2" => "SHA-384",
        "2.16.840.1.101.3.4.2.3" => "SHA-512",
        "1.3.14.3.2.26" => "SHA-1",
        _ => algorithm.Value ?? "?",
    };
}
