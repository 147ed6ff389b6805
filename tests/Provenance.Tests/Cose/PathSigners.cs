using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Provenance.Cryptography;

namespace Provenance.Tests.Cose;

/// <summary>Which of the two signing paths a test takes (src/Provenance/Cose/CoseSign1Writer.*.cs).</summary>
public enum SigningPath
{
    /// <summary>A <see cref="LocalSigner"/>: System.Security.Cryptography.Cose signs.</summary>
    LocalKey,

    /// <summary>Any other <see cref="IClaimSigner"/>: our Sig_structure, signed asynchronously.</summary>
    Remote,
}

/// <summary>
/// A key with two certificates issued by the test root (different subjects, the same public key), to swap one for the
/// other in a signed x5chain, and signers over it for either path. Ed25519 keys are BouncyCastle's (.NET has none) and
/// sign remotely only; the root (ECDSA) still issues their certificates, as a C2PA CA would.
/// </summary>
internal sealed class SameKeyCredentials : IDisposable
{
    private readonly AsymmetricAlgorithm? _key;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    private SameKeyCredentials(SigningAlgorithm algorithm, AsymmetricAlgorithm? key, Ed25519PrivateKeyParameters? ed25519, X509Certificate2 first, X509Certificate2 second)
    {
        Algorithm = algorithm;
        _key = key;
        _ed25519 = ed25519;
        First = first;
        Second = second;
    }

    public SigningAlgorithm Algorithm { get; }

    /// <summary>The certificate the signers name (with the private key, unless Ed25519).</summary>
    public X509Certificate2 First { get; }

    /// <summary>Another certificate over the same key.</summary>
    public X509Certificate2 Second { get; }

    public static SameKeyCredentials Create(SigningAlgorithm algorithm)
    {
        if (algorithm == SigningAlgorithm.Ed25519)
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            AsymmetricCipherKeyPair pair = generator.GenerateKeyPair();
            byte[] spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();
            PublicKey publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _);
            return new(algorithm, null, (Ed25519PrivateKeyParameters)pair.Private, Issue(new CertificateRequest(Subject("First"), publicKey, HashAlgorithmName.SHA256)), Issue(new CertificateRequest(Subject("Second"), publicKey, HashAlgorithmName.SHA256)));
        }

        HashAlgorithmName hash = SigningAlgorithms.GetHashAlgorithm(algorithm);
        if (SigningAlgorithms.IsEcdsa(algorithm))
        {
            var ec = ECDsa.Create(algorithm switch
            {
                SigningAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
                SigningAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
                _ => ECCurve.NamedCurves.nistP521,
            });
            return new(algorithm, ec, null, WithKey(Issue(new CertificateRequest(Subject("First"), ec, hash)), ec), Issue(new CertificateRequest(Subject("Second"), ec, hash)));
        }

        var rsa = RSA.Create(2048);
        return new(algorithm, rsa, null, WithKey(Issue(new CertificateRequest(Subject("First"), rsa, hash, RSASignaturePadding.Pss)), rsa), Issue(new CertificateRequest(Subject("Second"), rsa, hash, RSASignaturePadding.Pss)));
    }

    /// <summary>A signer that names <see cref="First"/>, taking <paramref name="path"/>; disposing this object is enough
    /// (a LocalSigner's own Dispose would dispose <see cref="First"/>).</summary>
    public IClaimSigner CreateSigner(SigningPath path)
    {
        if (_ed25519 is not null)
        {
            Assert.Equal(SigningPath.Remote, path);
            return new Ed25519RemoteSigner(_ed25519, First);
        }

        LocalSigner local = LocalSigner.FromCertificate(First, algorithm: Algorithm);
        return path == SigningPath.LocalKey ? local : new RemoteSigner(local);
    }

    public void Dispose()
    {
        _key?.Dispose();
        First.Dispose();
        Second.Dispose();
    }

    private static X500DistinguishedName Subject(string name) => new($"CN={name}, O=Provenance Test Signers");

    // The C2PA signing profile (C2PA 2.2 §14.5.1), as CertificateAuthority.IssueSigningCertificate writes it.
    private static X509Certificate2 Issue(CertificateRequest request)
    {
        X509Certificate2 root = TestSigners.Root.Certificate;
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.4.1.62558.2.1"), new Oid("1.3.6.1.5.5.7.3.4")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using ECDsa rootKey = root.GetECDsaPrivateKey()!;
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
    }

    private static X509Certificate2 WithKey(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        using (certificate)
        {
            return key is ECDsa ec ? certificate.CopyWithPrivateKey(ec) : certificate.CopyWithPrivateKey((RSA)key);
        }
    }
}

/// <summary>A stand-in for a key service: signs what it is given, answering asynchronously, and is no LocalSigner.</summary>
internal sealed class RemoteSigner(LocalSigner key) : IClaimSigner
{
    public SigningAlgorithm Algorithm => key.Algorithm;

    public IReadOnlyList<X509Certificate2> CertificateChain => key.CertificateChain;

    public int MaxSignatureSize => key.MaxSignatureSize;

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await key.SignAsync(toBeSigned, cancellationToken);
    }
}

/// <summary>An Ed25519 key service (BouncyCastle), the only way to sign with Ed25519 here.</summary>
internal sealed class Ed25519RemoteSigner(Ed25519PrivateKeyParameters key, X509Certificate2 certificate) : IClaimSigner
{
    public SigningAlgorithm Algorithm => SigningAlgorithm.Ed25519;

    public IReadOnlyList<X509Certificate2> CertificateChain => [certificate];

    public int MaxSignatureSize => 64;

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(toBeSigned.ToArray(), 0, toBeSigned.Length);
        return signer.GenerateSignature();
    }
}
