using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace AiVendorLabeling;

/// <summary>
/// A stand-in for a cloud key service: the private key never leaves it, each signature is a network round trip, and
/// the answer is an ECDSA signature in DER, as AWS KMS, Azure Key Vault and Google Cloud KMS return it. C2PA's COSE
/// signatures want IEEE P1363 (r||s), so it converts with <see cref="EcdsaSignatureFormat.DerToP1363"/>.
/// </summary>
internal sealed class KmsSigner : IClaimSigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly X509Certificate2[] _chain;
    private readonly TimeSpan _latency;
    private readonly Lock _gate = new();
    private int _requests;

    public KmsSigner(string chainPemPath, string keyPemPath, TimeSpan latency)
    {
        _key = ECDsa.Create();
        _key.ImportFromPem(File.ReadAllText(keyPemPath));
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(chainPemPath);
        _chain = [.. chain];
        _latency = latency;
        Algorithm = _key.KeySize switch
        {
            256 => SigningAlgorithm.ES256,
            384 => SigningAlgorithm.ES384,
            521 => SigningAlgorithm.ES512,
            _ => throw new NotSupportedException($"ECDSA P-{_key.KeySize} is not a C2PA algorithm."),
        };
    }

    public SigningAlgorithm Algorithm { get; }

    public IReadOnlyList<X509Certificate2> CertificateChain => _chain;

    public int MaxSignatureSize => EcdsaSignatureFormat.GetP1363Length(Algorithm);

    /// <summary>How many signatures the "service" made.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default)
    {
        // The round trip to the service; many requests are in flight at once.
        await Task.Delay(_latency, cancellationToken).ConfigureAwait(false);
        byte[] der;
        lock (_gate)
        {
            der = _key.SignData(toBeSigned.Span, Hash, DSASignatureFormat.Rfc3279DerSequence);
        }

        Interlocked.Increment(ref _requests);
        return EcdsaSignatureFormat.DerToP1363(der, Algorithm);
    }

    public void Dispose()
    {
        _key.Dispose();
        foreach (X509Certificate2 certificate in _chain)
        {
            certificate.Dispose();
        }
    }

    private HashAlgorithmName Hash => Algorithm switch
    {
        SigningAlgorithm.ES384 => HashAlgorithmName.SHA384,
        SigningAlgorithm.ES512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };
}
