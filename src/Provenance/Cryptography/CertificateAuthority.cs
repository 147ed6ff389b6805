using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>Deliberate deviations from the C2PA profile, for testing verifiers; all off by default.</summary>
public sealed record SigningCertificateOptions
{
    /// <summary>Validity from this time (default: now minus one hour).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Validity until this time (default: one year after <see cref="NotBefore"/>).</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>Leave out the digitalSignature key usage.</summary>
    public bool OmitDigitalSignature { get; init; }

    /// <summary>Make the certificate a CA (basic constraints cA=true, keyCertSign).</summary>
    public bool MarkAsCertificateAuthority { get; init; }

    /// <summary>Leave out the extended key usage extension.</summary>
    public bool OmitExtendedKeyUsage { get; init; }

    /// <summary>Use anyExtendedKeyUsage instead of the C2PA usages.</summary>
    public bool UseAnyExtendedKeyUsage { get; init; }

    /// <summary>The organization (O) of the subject; verifiers show it as the signer.</summary>
    /// <exception cref="ArgumentException">Set to null, empty or white space.</exception>
    public string Organization
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    } = "Provenance Test Signers";

    /// <summary>
    /// The extended key usages to put in the certificate (OIDs), instead of C2PA claim signing, email protection and
    /// document signing; for testing how verifiers treat other usages.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is null, empty or white space.</exception>
    public IReadOnlyList<string>? ExtendedKeyUsages
    {
        get;
        init
        {
            if (value is not null && value.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("An extended key usage is null or empty; give OIDs.", nameof(value));
            }

            field = value is null ? null : Array.AsReadOnly([.. value]);
        }
    }

    /// <summary>RSA key size for PS* algorithms (default 2048, the least C2PA signers may use).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 2048 or above 16384.</exception>
    public int RsaKeySize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2048);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 16384);
            field = value;
        }
    } = 2048;

    /// <summary>
    /// The OCSP responder to name in an authority information access extension (RFC 5280 §4.2.2.1, id-ad-ocsp), where
    /// signers fetch the response they staple and verifiers may ask (C2PA 2.2 §14.5.2); null (the default) for none.
    /// </summary>
    public Uri? OcspResponderUri { get; init; }
}

/// <summary>
/// A certificate authority that issues C2PA claim-signing certificates: for development (see
/// <see cref="DevelopmentCertificates"/>) and tests, never for publishing.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private const string ClaimSigning = "1.3.6.1.4.1.62558.2.1";
    private const string EmailProtection = "1.3.6.1.5.5.7.3.4";
    private const string DocumentSigning = "1.3.6.1.5.5.7.3.36";
    private readonly TimeProvider _time;

    private CertificateAuthority(X509Certificate2 certificate, TimeProvider time)
    {
        Certificate = certificate;
        _time = time;
    }

    /// <summary>The authority's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a self-signed root CA with a P-256 key, valid for <paramref name="validity"/> (default 10 years).</summary>
    public static CertificateAuthority CreateRoot(string commonName, TimeProvider? time = null, TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        time ??= TimeProvider.System;
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DateTimeOffset now = time.GetUtcNow();
        return CreateRoot(commonName, key, now.AddHours(-1), now.Add(validity ?? TimeSpan.FromDays(3650)), time);
    }

    /// <summary>
    /// A self-signed root CA over <paramref name="key"/>, which stays the caller's, valid from <paramref name="notBefore"/>
    /// to <paramref name="notAfter"/>: for a root every process must make with the same name and key (the fuzzing harness).
    /// </summary>
    internal static CertificateAuthority CreateRoot(string commonName, ECDsa key, DateTimeOffset notBefore, DateTimeOffset notAfter, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        ArgumentNullException.ThrowIfNull(key);
        X509Certificate2 certificate = CaRequest(commonName, key).CreateSelfSigned(notBefore, notAfter);
        return new CertificateAuthority(Reload(certificate), time ?? TimeProvider.System);
    }

    /// <summary>Loads an authority from its PEM certificate and private key.</summary>
    public static CertificateAuthority FromPem(string certificatePem, string privateKeyPem, TimeProvider? time = null)
    {
        X509Certificate2 certificate = PemCertificates.Load(certificatePem, "CA certificate")[0];
        using ECDsa key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        return new CertificateAuthority(Reload(certificate.CopyWithPrivateKey(key)), time ?? TimeProvider.System);
    }

    /// <summary>Creates an intermediate CA signed by this one.</summary>
    public CertificateAuthority CreateIntermediate(string commonName, TimeSpan? validity = null)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest request = CaRequest(commonName, key);
        request.CertificateExtensions.Add(AuthorityKeyIdentifier());
        DateTimeOffset now = _time.GetUtcNow();
        using X509Certificate2 issued = request.Create(Certificate, now.AddHours(-1), Min(now.Add(validity ?? TimeSpan.FromDays(1825)), Certificate.NotAfter), SerialNumber());
        return new CertificateAuthority(Reload(issued.CopyWithPrivateKey(key)), _time);
    }

    /// <summary>
    /// Issues an end-entity claim-signing certificate with the C2PA profile: version 3, key usage digitalSignature
    /// (critical), basic constraints cA=false, EKU C2PA claim signing + email protection + document signing, AKI and SKI,
    /// one year of validity.
    /// </summary>
    public X509Certificate2 IssueSigningCertificate(string commonName, SigningAlgorithm algorithm, SigningCertificateOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        options ??= new SigningCertificateOptions();
        using AsymmetricAlgorithm key = CreateKey(algorithm, options.RsaKeySize);
        var subject = new X500DistinguishedName($"CN={commonName}, O={options.Organization}");
        CertificateRequest request = key is ECDsa ec
            ? new CertificateRequest(subject, ec, SigningAlgorithms.GetHashAlgorithm(algorithm))
            : new CertificateRequest(subject, (RSA)key, SigningAlgorithms.GetHashAlgorithm(algorithm), RSASignaturePadding.Pss);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(options.MarkAsCertificateAuthority, false, 0, true));
        X509KeyUsageFlags usages = options.OmitDigitalSignature ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature;
        if (options.MarkAsCertificateAuthority)
        {
            usages |= X509KeyUsageFlags.KeyCertSign;
        }

        request.CertificateExtensions.Add(new X509KeyUsageExtension(usages, true));
        if (!options.OmitExtendedKeyUsage)
        {
            var ekus = new OidCollection();
            foreach (string oid in options.UseAnyExtendedKeyUsage ? ["2.5.29.37.0"] : options.ExtendedKeyUsages ?? [ClaimSigning, EmailProtection, DocumentSigning])
            {
                ekus.Add(new Oid(oid));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(AuthorityKeyIdentifier());
        if (options.OcspResponderUri is { } responder)
        {
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([responder.AbsoluteUri], null));
        }

        DateTimeOffset notBefore = options.NotBefore ?? _time.GetUtcNow().AddHours(-1);
        DateTimeOffset notAfter = options.NotAfter ?? notBefore.AddDays(365);
        using ECDsa issuerKey = Certificate.GetECDsaPrivateKey()!;
        using X509Certificate2 issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, SerialNumber());
        X509Certificate2 withKey = key switch
        {
            ECDsa e => issued.CopyWithPrivateKey(e),
            RSA r => issued.CopyWithPrivateKey(r),
            _ => throw new NotSupportedException(),
        };
        return Reload(withKey);
    }

    /// <summary>The certificate as PEM.</summary>
    public string ExportCertificatePem() => Certificate.ExportCertificatePem();

    /// <summary>The private key as PKCS#8 PEM.</summary>
    public string ExportPrivateKeyPem() => Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();

    private static CertificateRequest CaRequest(string commonName, ECDsa key)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=Provenance"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier()
        => X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false);

    private static AsymmetricAlgorithm CreateKey(SigningAlgorithm algorithm, int rsaKeySize) => algorithm switch
    {
        SigningAlgorithm.ES256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        SigningAlgorithm.ES384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        SigningAlgorithm.ES512 => ECDsa.Create(ECCurve.NamedCurves.nistP521),
        SigningAlgorithm.PS256 or SigningAlgorithm.PS384 or SigningAlgorithm.PS512 => RSA.Create(rsaKeySize),
        _ => throw new NotSupportedException($"{algorithm} certificates cannot be made: .NET has no Ed25519."),
    };

    private static byte[] SerialNumber()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // no leading zero byte to trim
        return serial;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < b ? a : new DateTimeOffset(b.ToUniversalTime());

    // Certificates made in memory keep ephemeral keys that some platforms cannot use for signing; a PFX round trip fixes it.
    private static X509Certificate2 Reload(X509Certificate2 certificate)
    {
        byte[] pfx = certificate.Export(X509ContentType.Pkcs12);
        certificate.Dispose();
        return X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
    }
}
