using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace RemoteSigner;

/// <summary>
/// Signs claims through a key service over HTTP (see <see cref="KeyService"/>): the private key stays in the service,
/// the certificate chain is fetched once when connecting, and each signature is one request that sends the digest of
/// the COSE ToBeSigned bytes and receives a DER ECDSA signature, converted to the IEEE P1363 form COSE needs.
/// Cancellation reaches the request in flight.
/// </summary>
internal sealed class HttpKmsSigner : IClaimSigner, IDisposable
{
    private readonly HttpClient _http;
    private readonly X509Certificate2[] _chain;

    private HttpKmsSigner(HttpClient http, X509Certificate2[] chain, SigningAlgorithm algorithm)
    {
        _http = http;
        _chain = chain;
        Algorithm = algorithm;
    }

    public SigningAlgorithm Algorithm { get; }

    public IReadOnlyList<X509Certificate2> CertificateChain => _chain;

    public int MaxSignatureSize => EcdsaSignatureFormat.GetP1363Length(Algorithm);

    /// <summary>
    /// Fetches the certificate chain from <paramref name="http"/>'s service (its <c>BaseAddress</c>) and chooses the
    /// algorithm its key's curve goes with (C2PA 2.2 §13.2.1: P-256 ES256, P-384 ES384, P-521 ES512).
    /// </summary>
    public static async Task<HttpKmsSigner> ConnectAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        string pem = await http.GetStringAsync("certificate-chain", cancellationToken);
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        X509Certificate2[] chain = [.. collection];
        using ECDsa key = chain.FirstOrDefault()?.GetECDsaPublicKey()
            ?? throw new InvalidOperationException("The key service's signing certificate has no ECDSA key.");
        SigningAlgorithm algorithm = key.KeySize switch
        {
            256 => SigningAlgorithm.ES256,
            384 => SigningAlgorithm.ES384,
            521 => SigningAlgorithm.ES512,
            _ => throw new NotSupportedException($"ECDSA P-{key.KeySize} is not a C2PA algorithm."),
        };
        return new HttpKmsSigner(http, chain, algorithm);
    }

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default)
    {
        // Like the cloud services' "digest" mode: only the hash travels, never the claim.
        byte[] digest = Algorithm switch
        {
            SigningAlgorithm.ES384 => SHA384.HashData(toBeSigned.Span),
            SigningAlgorithm.ES512 => SHA512.HashData(toBeSigned.Span),
            _ => SHA256.HashData(toBeSigned.Span),
        };
        using var content = new ByteArrayContent(digest);
        using HttpResponseMessage response = await _http.PostAsync("sign", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        byte[] der = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return EcdsaSignatureFormat.DerToP1363(der, Algorithm);
    }

    public void Dispose()
    {
        foreach (X509Certificate2 certificate in _chain)
        {
            certificate.Dispose();
        }
    }
}
