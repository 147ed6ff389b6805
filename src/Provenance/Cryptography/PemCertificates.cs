using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>Reads certificates and keys from PEM text, with errors that name the source.</summary>
internal static class PemCertificates
{
    /// <summary>Every CERTIFICATE block of the text, in order.</summary>
    /// <exception cref="ProvenanceFormatException">No certificate, or a block that is not one.</exception>
    public static X509Certificate2[] Load(string pem, string source)
    {
        var certificates = new List<X509Certificate2>();
        ReadOnlySpan<char> rest = pem;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                byte[] der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out int written))
                {
                    throw new ProvenanceFormatException(FormatLayer.Pem, fields.Location.Start.Value, $"{source}: a CERTIFICATE block is not valid base64");
                }

                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(der.AsSpan(0, written)));
                }
                catch (CryptographicException ex)
                {
                    throw new ProvenanceFormatException(FormatLayer.X509, fields.Location.Start.Value, $"{source}: certificate {certificates.Count + 1} is not a valid X.509 certificate: {ex.Message}", ex);
                }
            }

            rest = rest[fields.Location.End..];
        }

        return certificates.Count > 0
            ? [.. certificates]
            : throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{source} holds no CERTIFICATE block");
    }
}

/// <summary>Reads private keys from PEM.</summary>
internal static class PemKeys
{
    /// <summary>The first private key: PKCS#8, SEC1 EC or PKCS#1 RSA.</summary>
    /// <exception cref="ProvenanceFormatException">No key, or a key that cannot be read.</exception>
    public static AsymmetricAlgorithm Load(string pem, string source)
    {
        if (pem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{source} holds an encrypted key; decrypt it first or use a PFX with a password");
        }

        bool looksEc = pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal);
        bool looksRsa = pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal);
        if (!looksEc && !looksRsa && !pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{source} holds no PRIVATE KEY block");
        }

        if (!looksRsa)
        {
            var ec = ECDsa.Create();
            try
            {
                ec.ImportFromPem(pem);
                return ec;
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                ec.Dispose();
                if (looksEc)
                {
                    throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{source}: the EC key cannot be read: {ex.Message}", ex);
                }
            }
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{source}: the private key is neither a readable EC nor RSA key: {ex.Message}", ex);
        }
    }
}
