namespace Provenance.Jumbf;

/// <summary>The JUMBF type UUIDs of the C2PA manifest store (C2PA 2.2 §11.1.4, Table 2).</summary>
internal static class C2paBoxTypes
{
    /// <summary>Manifest store (<c>c2pa</c>).</summary>
    public static readonly JumbfUuid ManifestStore = JumbfUuid.Parse("63327061-0011-0010-8000-00AA00389B71");

    /// <summary>Standard manifest (<c>c2ma</c>).</summary>
    public static readonly JumbfUuid Manifest = JumbfUuid.Parse("63326D61-0011-0010-8000-00AA00389B71");

    /// <summary>Update manifest (<c>c2um</c>).</summary>
    public static readonly JumbfUuid UpdateManifest = JumbfUuid.Parse("6332756D-0011-0010-8000-00AA00389B71");

    /// <summary>Compressed manifest (<c>c2cm</c>).</summary>
    public static readonly JumbfUuid CompressedManifest = JumbfUuid.Parse("6332636D-0011-0010-8000-00AA00389B71");

    /// <summary>Legacy standard manifest type (<c>c2md</c>); read, never written.</summary>
    public static readonly JumbfUuid LegacyManifest = JumbfUuid.Parse("63326D64-0011-0010-8000-00AA00389B71");

    /// <summary>Assertion store (<c>c2as</c>).</summary>
    public static readonly JumbfUuid AssertionStore = JumbfUuid.Parse("63326173-0011-0010-8000-00AA00389B71");

    /// <summary>Claim (<c>c2cl</c>).</summary>
    public static readonly JumbfUuid Claim = JumbfUuid.Parse("6332636C-0011-0010-8000-00AA00389B71");

    /// <summary>Claim signature (<c>c2cs</c>).</summary>
    public static readonly JumbfUuid ClaimSignature = JumbfUuid.Parse("63326373-0011-0010-8000-00AA00389B71");

    /// <summary>CBOR assertion.</summary>
    public static readonly JumbfUuid CborAssertion = JumbfUuid.Parse("63626F72-0011-0010-8000-00AA00389B71");

    /// <summary>JSON assertion.</summary>
    public static readonly JumbfUuid JsonAssertion = JumbfUuid.Parse("6A736F6E-0011-0010-8000-00AA00389B71");

    /// <summary>UUID assertion.</summary>
    public static readonly JumbfUuid UuidAssertion = JumbfUuid.Parse("75756964-0011-0010-8000-00AA00389B71");

    /// <summary>Embedded-file assertion (thumbnails, icons).</summary>
    public static readonly JumbfUuid EmbeddedFile = JumbfUuid.Parse("40CB0C32-BB8A-489D-A70B-2AD6F47F4369");

    /// <summary>Deprecated data box store (<c>c2db</c>).</summary>
    public static readonly JumbfUuid DataBoxStore = JumbfUuid.Parse("63326462-0011-0010-8000-00AA00389B71");

    /// <summary>1.x verifiable-credential store (<c>c2vc</c>).</summary>
    public static readonly JumbfUuid CredentialStore = JumbfUuid.Parse("63327663-0011-0010-8000-00AA00389B71");
}
