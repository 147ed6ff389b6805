using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// Checks every hashed URI of a claim against the boxes it references, and that the store holds no undeclared
/// assertion (C2PA 2.2 §15.10.1).
/// </summary>
internal static class AssertionValidator
{
    /// <summary>Returns the assertion boxes that the claim references and whose hashes match, by label.</summary>
    public static Dictionary<string, JumbfSuperBox> Validate(Manifest manifest, Claim claim, ValidationContext context, StatusLog log)
    {
        var verified = new Dictionary<string, JumbfSuperBox>(StringComparer.Ordinal);
        var referenced = new HashSet<JumbfSuperBox>(ReferenceEqualityComparer.Instance);
        foreach (HashedUri uri in claim.AllAssertions)
        {
            string url = AbsoluteUrl(manifest, uri.Url);
            if (!JumbfUri.TryParse(uri.Url, out bool isAbsolute, out IReadOnlyList<string> labels) || labels.Count == 0)
            {
                log.AddFailure(StatusCodes.AssertionMissing, url, $"{uri.Url} is not a JUMBF URI");
                continue;
            }

            // C2PA 2.2 §15.10.1: a claim's assertions must live in its own manifest.
            if (isAbsolute && (labels.Count < 2 || labels[1] != manifest.Label))
            {
                log.AddFailure(StatusCodes.AssertionOutsideManifest, url, $"{uri.Url} points outside the manifest");
                continue;
            }

            JumbfSuperBox? box = JumbfUri.Resolve(context.Store.Root, manifest.Box, uri.Url);
            if (box is null)
            {
                log.AddFailure(StatusCodes.AssertionMissing, url, $"{uri.Url} does not resolve to a box");
                continue;
            }

            referenced.Add(box);
            string? algorithm = uri.Algorithm ?? claim.Algorithm ?? "sha256";
            if (!C2paHashAlgorithms.TryParse(algorithm, out var hashName))
            {
                log.AddFailure(StatusCodes.AlgorithmUnsupported, url, $"hash algorithm {algorithm} is not allowed");
                continue;
            }

            byte[] actual = C2paHashAlgorithms.HashData(hashName, box.Payload.Span);
            if (actual.AsSpan().SequenceEqual(uri.Hash.Span))
            {
                log.AddSuccess(StatusCodes.AssertionHashedUriMatch, url, $"hashed uri matched: {uri.Url}");
                verified[box.Label ?? labels[^1]] = box;
            }
            else
            {
                // Pre-release (before C2PA 1.0) writers hashed the content box alone; say so rather than leave a puzzle.
                bool prerelease = box.Children.OfType<JumbfContentBox>().FirstOrDefault() is { } content
                    && C2paHashAlgorithms.HashData(hashName, content.Data.Span).AsSpan().SequenceEqual(uri.Hash.Span);
                log.AddFailure(StatusCodes.AssertionHashedUriMismatch, url, prerelease
                    ? $"hash does not match assertion data: {uri.Url} is hashed the pre-release (before C2PA 1.0) way, which is not supported"
                    : $"hash does not match assertion data: {uri.Url}");
            }
        }

        foreach (JumbfSuperBox assertion in manifest.Assertions)
        {
            if (!referenced.Contains(assertion))
            {
                log.AddFailure(StatusCodes.AssertionUndeclared, AbsoluteUrl(manifest, JumbfUri.Relative(C2paLabels.AssertionStore, assertion.Label ?? "")), $"assertion {assertion.Label} is in the store but not in the claim");
            }
        }

        return verified;
    }

    /// <summary>The absolute form of a manifest-relative URI, as c2pa-rs reports URLs.</summary>
    public static string AbsoluteUrl(Manifest manifest, string uri)
    {
        if (!JumbfUri.TryParse(uri, out bool isAbsolute, out IReadOnlyList<string> labels) || isAbsolute)
        {
            return uri;
        }

        return JumbfUri.Absolute([C2paLabels.ManifestStore, manifest.Label, .. labels]);
    }
}
