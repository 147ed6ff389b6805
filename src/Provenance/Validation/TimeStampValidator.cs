using System.Formats.Asn1;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>A time-stamp whose token and imprint are valid; <paramref name="IsTrusted"/> when its authority is trusted.</summary>
internal sealed record TimeStampResult(DateTimeOffset Time, bool IsTrusted)
{
    /// <summary>Whether the time came from a <c>c2pa.time-stamp</c> assertion rather than the signature's own header.</summary>
    public bool FromAssertion { get; init; }
}

/// <summary>
/// Validates the RFC 3161 time-stamp in a claim signature's unprotected header (C2PA 2.2 §10.3.2.5, §15.8): <c>sigTst2</c>
/// holds TimeStampTokens over the signature, 1.x <c>sigTst</c> TimeStampResps over the claim. Every problem here is
/// informational: the time-stamp is then ignored and the current time is used.
/// </summary>
internal static class TimeStampValidator
{
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    /// <summary>
    /// Returns the time-stamp when it is present and its signature and imprint are valid, with whether its authority
    /// chains to a trust anchor with the time-stamping EKU. Only a trusted time may stand in for the time of signing.
    /// </summary>
    public static TimeStampResult? Validate(CoseSign1Message message, Claim claim, ValidationContext context, StatusLog log, string url)
    {
        CborValue? container = message.GetUnprotectedHeader(CoseHeaderLabels.Of(CoseHeaderLabels.SigTst2));
        bool v2 = container is not null;
        container ??= message.GetUnprotectedHeader(CoseHeaderLabels.Of(CoseHeaderLabels.SigTst));
        if (container is null)
        {
            return null;
        }

        if (container is not CborMap map || map.GetValueOrDefault("tstTokens") is not CborArray tokens || tokens.Count == 0
            || tokens[0] is not CborMap first || first.GetValueOrDefault("val") is not CborByteString val)
        {
            log.AddInformational(StatusCodes.TimeStampMalformed, url, "the time-stamp header has no token");
            return null;
        }

        if (tokens.Count > 1)
        {
            // C2PA 2.2 §15.8.1.1: more than one token is malformed; all are ignored.
            log.AddInformational(StatusCodes.TimeStampMalformed, url, "more than one time-stamp token");
            return null;
        }

        ReadOnlyMemory<byte> tokenBytes = val.Value;
        if (!v2 && !TryUnwrapResponse(tokenBytes, out tokenBytes))
        {
            log.AddInformational(StatusCodes.TimeStampMalformed, url, "the sigTst value is not a granted TimeStampResp");
            return null;
        }

        if (!Rfc3161TimestampToken.TryDecode(tokenBytes, out Rfc3161TimestampToken? token, out _))
        {
            log.AddInformational(StatusCodes.TimeStampMalformed, url, "the time-stamp token cannot be decoded");
            return null;
        }

        // The imprint covers ["CounterSignature", protected, h'', payload]: v2 the encoded signature bstr, v1 the claim.
        byte[] payload = v2 ? EncodeByteString(message.Signature.Span) : claim.EncodedBytes.ToArray();
        byte[] toBeSigned = SigStructure.ForCounterSignature(message.RawProtectedHeaders.Span, payload);
        if (!token.VerifySignatureForData(toBeSigned, out X509Certificate2? tsaCertificate, ExtraCertificates(token)))
        {
            log.AddInformational(StatusCodes.TimeStampMismatch, url, "the time-stamp does not match the signature or its own signature is invalid");
            return null;
        }

        return Judge(token, tsaCertificate, claim.Version, context.Options, log, url);
    }

    /// <summary>
    /// Reads the <c>c2pa.time-stamp</c> assertions (C2PA 2.2 §18.17): tokens, keyed by manifest label, over that manifest's
    /// signature, added later (often by an update manifest). A valid, trusted one stands in for the manifest's own
    /// time-stamp, as c2pa-rs uses it; others are ignored. Only assertions that a claim declares with a matching hash, in
    /// manifests reachable from <paramref name="active"/> through ingredients (c2pa-rs's referenced manifests), count:
    /// a manifest merely present in the store cannot move another's time of signing.
    /// </summary>
    public static Dictionary<string, TimeStampResult> ReadTimeStampAssertions(ManifestStore store, Manifest active, VerificationOptions options)
    {
        var results = new Dictionary<string, TimeStampResult>(StringComparer.Ordinal);
        foreach (Manifest manifest in Reachable(store, active))
        {
            Claim claim;
            try
            {
                claim = manifest.ParseClaim();
            }
            catch (ProvenanceFormatException)
            {
                continue;
            }

            foreach (JumbfSuperBox box in manifest.Assertions)
            {
                if (box.Label is not { } label || C2paLabels.StripInstance(label) != C2paLabels.TimeStamp
                    || !IsDeclared(claim, label, box) || box.FirstContent(FourCC.Cbor)?.Data is not { } content)
                {
                    continue;
                }

                CborMap? map;
                try
                {
                    map = CborValue.Decode(content) as CborMap;
                }
                catch (ProvenanceFormatException)
                {
                    continue;
                }

                foreach ((CborValue key, CborValue value) in map ?? [])
                {
                    if (key is CborTextString { Value: var referenced } && value is CborByteString tokenBytes
                        && store.FindManifest(referenced) is { } target && !results.ContainsKey(referenced)
                        && TryJudgeExternal(target, tokenBytes.Value, options) is { } result)
                    {
                        results[referenced] = result;
                    }
                }
            }
        }

        return results;
    }

    // The active manifest and every manifest its ingredients reference, at any depth (each once).
    private static List<Manifest> Reachable(ManifestStore store, Manifest active)
    {
        var found = new List<Manifest> { active };
        var seen = new HashSet<string>(StringComparer.Ordinal) { active.Label };
        for (int i = 0; i < found.Count; i++)
        {
            foreach (JumbfSuperBox box in found[i].Assertions)
            {
                if (box.Label is { } label && IngredientValidator.IsIngredient(label)
                    && IngredientValidator.Decode(box) is { } ingredient
                    && (ingredient.GetValueOrDefault("activeManifest") ?? ingredient.GetValueOrDefault("c2pa_manifest")) is CborMap reference
                    && reference.GetValueOrDefault("url") is CborTextString url
                    && JumbfUri.ManifestLabelOf(url.Value) is { } referenced && seen.Add(referenced)
                    && store.FindManifest(referenced) is { } manifest)
                {
                    found.Add(manifest);
                }
            }
        }

        return found;
    }

    // The claim lists the assertion with the hash of its box (C2PA 2.2 §15.10.1): the signer vouched for these bytes.
    private static bool IsDeclared(Claim claim, string label, JumbfSuperBox box)
        => claim.AllAssertions.Any(uri => uri.Url.EndsWith("/" + label, StringComparison.Ordinal)
            && C2paHashAlgorithms.TryParse(uri.Algorithm ?? claim.Algorithm ?? "sha256", out var algorithm)
            && C2paHashAlgorithms.HashData(algorithm, box.Payload.Span).AsSpan().SequenceEqual(uri.Hash.Span));

    private static TimeStampResult? TryJudgeExternal(Manifest target, ReadOnlyMemory<byte> tokenBytes, VerificationOptions options)
    {
        try
        {
            Claim claim = target.ParseClaim();
            if (target.Box.FindChild(C2paLabels.Signature)?.FirstContent(FourCC.Cbor)?.Data is not { } coseBytes)
            {
                return null;
            }

            // The token's imprint is over the referenced manifest's COSE_Sign1 (what its signature box holds, as in
            // update_manifest.jpg); c2pa-rs's documentation names the signature value inside it, so both are accepted.
            CoseSign1Message message = CoseSign1Message.Decode(coseBytes);
            if (!Rfc3161TimestampToken.TryDecode(tokenBytes, out Rfc3161TimestampToken? token, out _))
            {
                return null;
            }

            X509Certificate2Collection extra = ExtraCertificates(token);
            if (!token.VerifySignatureForData(coseBytes.Span, out X509Certificate2? tsaCertificate, extra)
                && !token.VerifySignatureForData(message.Signature.Span, out tsaCertificate, extra))
            {
                return null;
            }

            // Judged quietly: a token that is not trusted is ignored, as c2pa-rs ignores it.
            TimeStampResult result = Judge(token, tsaCertificate, claim.Version, options, new StatusLog(), "");
            return result.IsTrusted ? result with { FromAssertion = true } : null;
        }
        catch (ProvenanceFormatException)
        {
            return null;
        }
    }

    private static TimeStampResult Judge(Rfc3161TimestampToken token, X509Certificate2? tsaCertificate, int claimVersion, VerificationOptions options, StatusLog log, string url)
    {
        DateTimeOffset time = token.TokenInfo.Timestamp;
        log.AddSuccess(StatusCodes.TimeStampValidated, url, $"time-stamp valid: {time:u}");
        if (tsaCertificate is null)
        {
            log.AddInformational(StatusCodes.TimeStampUntrusted, url, "the time-stamp names no signing certificate");
            return new TimeStampResult(time, false);
        }

        if (CertificateContent.FindProblem(tsaCertificate) is string problem)
        {
            // A part that decodes only when read (an extension, a name) would otherwise fail the profile check below
            // with the runtime's exception, as it did for x5chain certificates.
            log.AddInformational(StatusCodes.TimeStampMalformed, url, $"the time-stamp authority's certificate is malformed: {problem}");
            return new TimeStampResult(time, false);
        }

        if (time < tsaCertificate.NotBefore || time > tsaCertificate.NotAfter)
        {
            log.AddInformational(StatusCodes.TimeStampOutsideValidity, url, $"the time-stamp authority's certificate is not valid at {time:u}");
            return new TimeStampResult(time, false);
        }

        if (claimVersion == 1 && options.TrustLegacyTimeStamps)
        {
            // C2PA 1.x claims predate time-stamp trust lists; c2pa-rs does not check their authority, and neither do we
            // unless asked to (VerificationOptions.TrustLegacyTimeStamps; docs/conformance.md says what this risks).
            log.AddSuccess(StatusCodes.TimeStampTrusted, url, "legacy time-stamp of a 1.x claim: its authority is not checked against a trust list");
            return new TimeStampResult(time, true);
        }

        // The authority must chain to an anchor with the time-stamping EKU: its own list when one is given, else the
        // signers' anchors (c2pa-rs's default). A self-made TSA could otherwise move an expired signer back inside its
        // validity. Like c2pa-rs, its certificate must also fit the profile of an end entity that only time-stamps.
        TrustAnchorSet anchors = options.TimeStampTrustAnchors ?? options.TrustAnchors;
        IReadOnlyList<string> problems = CertificateProfile.Validate(tsaCertificate, [TimeStampingEku]);
        ChainValidationResult trust = problems.Count > 0
            ? new ChainValidationResult(false, "the time-stamp authority's certificate does not fit the profile: " + string.Join("; ", problems), [tsaCertificate])
            : anchors.Count == 0
            ? new ChainValidationResult(false, "no trust anchors are configured for time-stamp authorities", [tsaCertificate])
            : ChainValidator.Validate(tsaCertificate, ExtraCertificates(token), anchors, time, [TimeStampingEku]);
        if (trust.IsTrusted)
        {
            log.AddSuccess(StatusCodes.TimeStampTrusted, url, "time-stamp authority trusted");
        }
        else
        {
            log.AddInformational(StatusCodes.TimeStampUntrusted, url, trust.Problem ?? "time-stamp authority untrusted");
        }

        return new TimeStampResult(time, trust.IsTrusted);
    }

    private static X509Certificate2Collection ExtraCertificates(Rfc3161TimestampToken token)
    {
        // Malformed certificates cannot help build a chain; leaving them out keeps their lazily decoded parts unread.
        var collection = new X509Certificate2Collection();
        SignedCms cms = token.AsSignedCms();
        collection.AddRange(cms.Certificates.Where(c => CertificateContent.FindProblem(c) is null).ToArray());
        return collection;
    }

    private static byte[] EncodeByteString(ReadOnlySpan<byte> bytes)
    {
        var writer = new CborWriter();
        writer.WriteByteString(bytes);
        return writer.Encode();
    }

    // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL } (RFC 3161 §2.4.2)
    private static bool TryUnwrapResponse(ReadOnlyMemory<byte> response, out ReadOnlyMemory<byte> token)
    {
        token = default;
        try
        {
            var reader = new AsnReader(response, AsnEncodingRules.DER);
            AsnReader sequence = reader.ReadSequence();
            AsnReader status = sequence.ReadSequence();
            if (!status.TryReadInt32(out int granted) || granted is not (0 or 1) || !sequence.HasData)
            {
                return false;
            }

            token = sequence.ReadEncodedValue();
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
