using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>Where the development credentials are and whether they were just made.</summary>
/// <param name="Directory">The folder holding them.</param>
/// <param name="RootCertificatePath">The development root CA certificate (PEM): a trust anchor on this machine only.</param>
/// <param name="ChainPath">The signing certificate and the intermediate (PEM).</param>
/// <param name="PrivateKeyPath">The signing key (PKCS#8 PEM, readable by the owner only).</param>
/// <param name="CreatedNow">Whether this call created them.</param>
public sealed record DevelopmentCredentials(string Directory, string RootCertificatePath, string ChainPath, string PrivateKeyPath, bool CreatedNow)
{
    /// <summary>A signer with the development certificate.</summary>
    public LocalSigner CreateSigner() => LocalSigner.FromPemFiles(ChainPath, PrivateKeyPath);

    /// <summary>The development root as the only trust anchor.</summary>
    public TrustAnchorSet LoadTrustAnchors() => TrustAnchorSet.FromPemFile(RootCertificatePath);
}

/// <summary>
/// Development credentials, like <c>dotnet dev-certs</c>: on first use a development root CA, an intermediate and an ES256
/// claim-signing certificate are made and kept in <c>$PROVENANCE_HOME/dev-certs</c> (default <c>~/.provenance/dev-certs</c>).
/// Files signed with them are trusted only where that root is configured as a trust anchor: this machine.
/// </summary>
public static class DevelopmentCertificates
{
    /// <summary>The subject of the development root, which says what it is.</summary>
    public const string RootName = "Provenance Development CA - untrusted outside this machine";

    private const string RootFile = "root-ca.pem";
    private const string ChainFile = "chain.pem";
    private const string KeyFile = "signer.key.pem";

    /// <summary>The default folder.</summary>
    public static string DefaultDirectory
    {
        get
        {
            string? home = Environment.GetEnvironmentVariable("PROVENANCE_HOME");
            return Path.Combine(string.IsNullOrEmpty(home) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".provenance") : home, "dev-certs");
        }
    }

    /// <summary>Returns the development credentials, creating them when absent, unreadable or expiring within a day.</summary>
    public static DevelopmentCredentials EnsureCreated(string? directory = null, TimeProvider? time = null)
    {
        directory ??= DefaultDirectory;
        time ??= TimeProvider.System;
        DevelopmentCredentials? existing = TryLoad(directory, time);
        if (existing is not null)
        {
            return existing;
        }

        System.IO.Directory.CreateDirectory(directory);
        using CertificateAuthority root = CertificateAuthority.CreateRoot(RootName, time);
        using CertificateAuthority intermediate = root.CreateIntermediate("Provenance Development Intermediate CA");
        using X509Certificate2 signer = intermediate.IssueSigningCertificate(
            $"Provenance Development Signer ({Environment.MachineName})",
            SigningAlgorithm.ES256,
            new SigningCertificateOptions { Organization = "Provenance Development (untrusted outside this machine)" });
        using ECDsa key = signer.GetECDsaPrivateKey()!;
        var credentials = new DevelopmentCredentials(directory, Path.Combine(directory, RootFile), Path.Combine(directory, ChainFile), Path.Combine(directory, KeyFile), true);
        WriteAtomically(credentials.PrivateKeyPath, key.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
        WriteAtomically(credentials.ChainPath, signer.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n", ownerOnly: false);
        WriteAtomically(credentials.RootCertificatePath, root.ExportCertificatePem() + "\n", ownerOnly: false);
        return credentials;
    }

    /// <summary>The existing development credentials, or null when none usable exist.</summary>
    public static DevelopmentCredentials? TryLoad(string? directory = null, TimeProvider? time = null)
    {
        directory ??= DefaultDirectory;
        time ??= TimeProvider.System;
        var credentials = new DevelopmentCredentials(directory, Path.Combine(directory, RootFile), Path.Combine(directory, ChainFile), Path.Combine(directory, KeyFile), false);
        if (!File.Exists(credentials.RootCertificatePath) || !File.Exists(credentials.ChainPath) || !File.Exists(credentials.PrivateKeyPath))
        {
            return null;
        }

        try
        {
            using LocalSigner signer = credentials.CreateSigner();
            DateTimeOffset now = time.GetUtcNow();
            bool current = signer.CertificateChain.All(c => c.NotBefore <= now && c.NotAfter > now.AddDays(1));
            return current ? credentials : null;
        }
        catch (Exception ex) when (ex is ProvenanceFormatException or ArgumentException or CryptographicException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The development root alone, as the trust anchor a verification on this machine uses, or null when none was made
    /// or it cannot be read. Unlike <see cref="TryLoad"/> it reads neither the signing key nor the chain: a verifier needs
    /// only the anchor, and judges the validity of whatever it issued when it validates a chain.
    /// </summary>
    public static TrustAnchorSet? TryLoadTrustAnchors(string? directory = null)
    {
        try
        {
            return TrustAnchorSet.FromPemFile(Path.Combine(directory ?? DefaultDirectory, RootFile));
        }
        catch (Exception ex) when (ex is ProvenanceFormatException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void WriteAtomically(string path, string content, bool ownerOnly)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
