using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>Writes a <c>c2pa.claim.v2</c> map (C2PA 2.2 §10.2), deterministically encoded (§10.1).</summary>
internal static class ClaimWriter
{
    public static byte[] Encode(
        string instanceId,
        GeneratorInfo generator,
        string? title,
        string algorithm,
        CborArray createdAssertions)
    {
        var claim = new CborMap
        {
            { "instanceID", instanceId },
            { "claim_generator_info", generator.ToCbor() },
            { "signature", JumbfUri.Relative(C2paLabels.Signature) },
            { "created_assertions", createdAssertions },
            { "alg", algorithm },
        };
        if (title is not null)
        {
            claim.Add("dc:title", title);
        }

        return claim.Encode();
    }
}
