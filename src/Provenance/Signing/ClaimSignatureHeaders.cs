using Provenance.Cose;

namespace Provenance.Signing;

/// <summary>
/// The unprotected headers a claim signature gets once it is signed, from the signing options: a time-stamp
/// (<c>sigTst2</c>) when a time-stamp authority is set, and a stapled OCSP response (<c>rVals</c>) when one was given or
/// fetched. Their room is reserved when the session starts.
/// </summary>
internal static class ClaimSignatureHeaders
{
    public static IReadOnlyList<IUnprotectedHeaderContributor> For(SigningOptions options, ReadOnlyMemory<byte>? ocspResponse)
    {
        var contributors = new List<IUnprotectedHeaderContributor>();
        if (ocspResponse is { } response)
        {
            contributors.Add(new OcspHeader(response));
        }

        if (options.TimeStampAuthority is { } authority)
        {
            contributors.Add(new TimeStampHeader(authority));
        }

        return contributors;
    }
}
