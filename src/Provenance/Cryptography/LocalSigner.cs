using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>
/// Signs claims with a private key held in memory (from PEM, PFX, or a certificate with its key): ECDSA P-256/384/521,
/// RSA (RSASSA-PSS), or Ed25519 from PKCS#8 PEM.
/// </summary>
/// <remarks>
/// When no algorithm is given, the key decides: an Ed25519 key signs with Ed25519, a P-256, P-384 or P-521 key with
/// ES256, ES384 or ES512 (C2PA 2.2 §13.2.1 pairs each curve with its hash), and an RSA key with PS256, whatever its size;
/// name PS384 or PS512 to sign RSA with SHA-384 or SHA-512.
///
/// Disposing the signer disposes what it created: its key object and the certificates it loaded from PEM or PFX. The
/// certificates given to <see cref="FromCertificate"/> stay the caller's, usable after the signer is disposed.
/// </remarks>
public sealed class LocalSigner : IClaimSigner, IDisposable
{
    private readonly AsymmetricAlgorithm? _key;
    private readonly Ed25519PrivateKey? _ed25519;
    private readonly X509Certificate2[] _chain;
    private readonly X509Certificate2[] _owned;

    private LocalSigner(AsymmetricAlgorithm? key, Ed25519PrivateKey? ed25519, X509Certificate2[] chain, X509Certificate2[] owned, SigningAlgorithm algorithm)
    {
        _key = key;
        _ed25519 = ed25519;
        _chain = chain;
        _owned = owned;
        Algorithm = algorithm;
    }

    /// <inheritdoc />
    public SigningAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public IReadOnlyList<X509Certificate2> CertificateChain => _chain;

    /// <inheritdoc />
    public int MaxSignatureSize => _key switch
    {
        ECDsa ec => 2 * ((ec.KeySize + 7) / 8),
        RSA rsa => (rsa.KeySize + 7) / 8,
        _ => _ed25519 is null ? 0 : Ed25519Verifier.SignatureSize,
    };

    /// <summary>
    /// Whether System.Security.Cryptography.Cose can sign with this key (ECDSA and RSA). It has no Ed25519, so an Ed25519
    /// key signs through our own Sig_structure, like a remote signer.
    /// </summary>
    internal bool SignsThroughRuntimeCose => _key is not null;

    /// <summary>Loads a PEM certificate chain (signing certificate first) and a PEM private key from files.</summary>
    /// <exception cref="ProvenanceFormatException">A file holds no certificate or no key.</exception>
    /// <exception cref="ArgumentException">The key does not match the certificate or the algorithm.</exception>
    public static LocalSigner FromPemFiles(string certificateChainPath, string privateKeyPath, SigningAlgorithm? algorithm = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificateChainPath);
        ArgumentException.ThrowIfNullOrEmpty(privateKeyPath);
        return FromPem(File.ReadAllText(certificateChainPath), File.ReadAllText(privateKeyPath), algorithm, certificateChainPath, privateKeyPath);
    }

    /// <summary>
    /// Loads a PEM certificate chain and a PEM private key (PKCS#8, including Ed25519 keys as
    /// <c>openssl genpkey -algorithm ed25519</c> writes them; SEC1 <c>EC PRIVATE KEY</c>; PKCS#1 <c>RSA PRIVATE KEY</c>).
    /// </summary>
    public static LocalSigner FromPem(string certificateChainPem, string privateKeyPem, SigningAlgorithm? algorithm = null)
        => FromPem(certificateChainPem, privateKeyPem, algorithm, "certificate PEM", "key PEM");

    /// <summary>Loads a PFX (PKCS#12) file holding the signing certificate, its key and optionally intermediates.</summary>
    public static LocalSigner FromPfx(string path, string? password, SigningAlgorithm? algorithm = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new ProvenanceFormatException(FormatLayer.Pkcs12, -1, $"{path} cannot be read: {ex.Message}", ex);
        }

        // Every certificate of the file was created here, the roots left out of the chain too: the signer disposes them all.
        X509Certificate2[] loaded = [.. collection];
        try
        {
            X509Certificate2 leaf = loaded.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new ProvenanceFormatException(FormatLayer.Pkcs12, -1, $"{path} holds no certificate with a private key");
            return FromCertificateOwning(leaf, loaded.Where(c => !ReferenceEquals(c, leaf) && c.Subject != c.Issuer), algorithm, loaded);
        }
        catch
        {
            Dispose(loaded);
            throw;
        }
    }

    /// <summary>Uses a certificate with its private key, plus intermediates.</summary>
    /// <remarks>The certificates stay the caller's: disposing the signer does not dispose them.</remarks>
    public static LocalSigner FromCertificate(X509Certificate2 certificateWithKey, IEnumerable<X509Certificate2>? intermediates = null, SigningAlgorithm? algorithm = null)
        => FromCertificateOwning(certificateWithKey, intermediates, algorithm, owned: []);

    private static LocalSigner FromCertificateOwning(X509Certificate2 certificateWithKey, IEnumerable<X509Certificate2>? intermediates, SigningAlgorithm? algorithm, X509Certificate2[] owned)
    {
        ArgumentNullException.ThrowIfNull(certificateWithKey);
        // GetECDsaPrivateKey and GetRSAPrivateKey return a new key object each call, the signer's to dispose.
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificateWithKey.GetECDsaPrivateKey()
            ?? certificateWithKey.GetRSAPrivateKey()
            ?? throw new ArgumentException("The certificate has no ECDSA or RSA private key (.NET certificates cannot hold Ed25519 keys; load those with FromPem or FromPemFiles).", nameof(certificateWithKey));
        X509Certificate2[] chain = [certificateWithKey, .. intermediates ?? []];
        return Create(key, chain, owned, algorithm);
    }

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        HashAlgorithmName hash = SigningAlgorithms.GetHashAlgorithm(Algorithm);
        byte[] signature = _key switch
        {
            ECDsa ec => ec.SignData(toBeSigned.Span, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => rsa.SignData(toBeSigned.Span, hash, RSASignaturePadding.Pss),
            _ => _ed25519?.Sign(toBeSigned.Span) ?? throw new NotSupportedException($"{Algorithm} is not supported."),
        };
        return ValueTask.FromResult(signature);
    }

    /// <summary>
    /// A System.Security.Cryptography.Cose signer over this key (ECDSA, or RSASSA-PSS with MGF1 of the same hash and a
    /// salt as long as the hash), for <paramref name="protectedHeaders"/>, whose <c>alg</c> must be this signer's.
    /// </summary>
    internal CoseSigner CreateCoseSigner(CoseHeaderMap protectedHeaders)
    {
        HashAlgorithmName hash = SigningAlgorithms.GetHashAlgorithm(Algorithm);
        return _key switch
        {
            ECDsa ec => new CoseSigner(ec, hash, protectedHeaders),
            RSA rsa => new CoseSigner(rsa, RSASignaturePadding.Pss, hash, protectedHeaders),
            _ => throw new NotSupportedException($"System.Security.Cryptography.Cose cannot sign with {Algorithm}."),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key?.Dispose();
        Dispose(_owned);
    }

    private static void Dispose(X509Certificate2[] certificates)
    {
        foreach (X509Certificate2 certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    private static LocalSigner FromPem(string chainPem, string keyPem, SigningAlgorithm? algorithm, string chainSource, string keySource)
    {
        ArgumentNullException.ThrowIfNull(chainPem);
        ArgumentNullException.ThrowIfNull(keyPem);
        X509Certificate2[] chain = PemCertificates.Load(chainPem, chainSource);
        if (Ed25519PrivateKey.TryReadPem(keyPem, keySource) is { } ed25519)
        {
            try
            {
                return CreateEd25519(ed25519, chain, algorithm);
            }
            catch
            {
                Dispose(chain);
                throw;
            }
        }

        AsymmetricAlgorithm key;
        try
        {
            key = PemKeys.Load(keyPem, keySource);
        }
        catch
        {
            Dispose(chain);
            throw;
        }

        try
        {
            return Create(key, chain, chain, algorithm);
        }
        catch
        {
            Dispose(chain);
            throw;
        }
    }

    private static LocalSigner CreateEd25519(Ed25519PrivateKey key, X509Certificate2[] chain, SigningAlgorithm? requested)
    {
        if (requested is SigningAlgorithm other && other != SigningAlgorithm.Ed25519)
        {
            throw new ArgumentException($"An Ed25519 key cannot sign with {other}; it signs with Ed25519 only.");
        }

        if (!key.BelongsTo(chain[0]))
        {
            throw new ArgumentException("The private key does not belong to the signing certificate (the first certificate of the chain).");
        }

        return new LocalSigner(null, key, chain, owned: chain, SigningAlgorithm.Ed25519);
    }

    // The signer takes the key (disposed here on failure); the owned certificates stay the factory's to dispose on failure.
    private static LocalSigner Create(AsymmetricAlgorithm key, X509Certificate2[] chain, X509Certificate2[] owned, SigningAlgorithm? requested)
    {
        try
        {
            SigningAlgorithm algorithm = requested ?? Infer(key);
            CheckKey(key, chain[0], algorithm);
            return new LocalSigner(key, null, chain, owned, algorithm);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static SigningAlgorithm Infer(AsymmetricAlgorithm key) => key switch
    {
        ECDsa { KeySize: 256 } => SigningAlgorithm.ES256,
        ECDsa { KeySize: 384 } => SigningAlgorithm.ES384,
        ECDsa { KeySize: 521 } => SigningAlgorithm.ES512,
        RSA => SigningAlgorithm.PS256,
        _ => throw new ArgumentException($"Keys of type {key.GetType().Name} with {key.KeySize} bits are not supported."),
    };

    private static void CheckKey(AsymmetricAlgorithm key, X509Certificate2 certificate, SigningAlgorithm algorithm)
    {
        switch (key)
        {
            case ECDsa ec when SigningAlgorithms.IsEcdsa(algorithm):
                if (ec.KeySize != SigningAlgorithms.CurveBits(algorithm))
                {
                    throw new ArgumentException($"{algorithm} needs a P-{SigningAlgorithms.CurveBits(algorithm)} key; this key has {ec.KeySize} bits (C2PA 2.5 pairs curves and algorithms).");
                }

                using (ECDsa? certKey = certificate.GetECDsaPublicKey())
                {
                    if (certKey is null || !certKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(ec.ExportSubjectPublicKeyInfo()))
                    {
                        throw new ArgumentException("The private key does not belong to the signing certificate (the first certificate of the chain).");
                    }
                }

                break;
            case RSA rsa when !SigningAlgorithms.IsEcdsa(algorithm):
                if (rsa.KeySize < 2048)
                {
                    throw new ArgumentException($"RSA keys for C2PA have at least 2048 bits; this one has {rsa.KeySize}.");
                }

                using (RSA? certKey = certificate.GetRSAPublicKey())
                {
                    if (certKey is null || !certKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(rsa.ExportSubjectPublicKeyInfo()))
                    {
                        throw new ArgumentException("The private key does not belong to the signing certificate (the first certificate of the chain).");
                    }
                }

                break;
            default:
                throw new ArgumentException($"A {key.GetType().Name} key cannot sign with {algorithm}.");
        }
    }
}
