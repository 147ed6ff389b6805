using Provenance.Cose;

namespace Provenance.Signing;

/// <summary>
/// The unprotected headers a claim signature gets once it is signed, from the signing options: a time-stamp
/// (<c>sigTst2</c>) when a time-stamp authority is set. Their room is reserved when the session starts.
/// </summary>
internal static class ClaimSignatureHeaders
{
    public static IReadOnlyList<IUnprotectedHeaderContributor> For(SigningOptions options)
    {
        var contributors = new List<IUnprotectedHeaderContributor>();
        if (options.TimeStampAuthority is { } authority)
        {
            contributors.Add(new TimeStampHeader(authority));
        }

        return contributors;
    }
}
