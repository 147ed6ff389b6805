using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
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
/// A key with two certificates (different subjects, the same public key), to swap one for the other in a signed
/// x5chain, and signers over it for either path. Ed25519 keys are BouncyCastle's (.NET has none) and sign remotely only.
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

    /// <summary>The certificate the signers name.</summary>
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
            return new(algorithm, null, (Ed25519PrivateKeyParameters)pair.Private, Ed25519Certificate(pair, "First"), Ed25519Certificate(pair, "Second"));
        }

        AsymmetricAlgorithm key = SigningAlgorithms.IsEcdsa(algorithm)
            ? ECDsa.Create(algorithm switch
            {
                SigningAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
                SigningAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
                _ => ECCurve.NamedCurves.nistP521,
            })
            : RSA.Create(2048);
        return new(algorithm, key, null, Certificate(key, algorithm, "First"), Certificate(key, algorithm, "Second"));
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

    private static X509Certificate2 Certificate(AsymmetricAlgorithm key, SigningAlgorithm algorithm, string name)
    {
        HashAlgorithmName hash = SigningAlgorithms.GetHashAlgorithm(algorithm);
        CertificateRequest request = key is ECDsa ec
            ? new CertificateRequest($"CN={name}", ec, hash)
            : new CertificateRequest($"CN={name}", (RSA)key, hash, RSASignaturePadding.Pss);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Ed25519Certificate(AsymmetricCipherKeyPair pair, string name)
    {
        var generator = new X509V3CertificateGenerator();
        var subject = new X509Name($"CN={name}");
        generator.SetSerialNumber(Org.BouncyCastle.Math.BigInteger.ValueOf(name.Length));
        generator.SetIssuerDN(subject);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        generator.SetNotAfter(DateTime.UtcNow.AddDays(30));
        generator.SetPublicKey(pair.Public);
        return X509CertificateLoader.LoadCertificate(generator.Generate(new Asn1SignatureFactory("Ed25519", pair.Private)).GetEncoded());
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
