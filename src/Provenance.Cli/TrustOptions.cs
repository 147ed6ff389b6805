using System.CommandLine;
using Provenance.Cryptography;

namespace Provenance.Cli;

/// <summary>
/// The trust options of <c>verify</c> and <c>tree</c>: anchors (<c>--trust</c>), the allowed list of end-entity
/// certificates (<c>--allowed</c>), extra EKUs (<c>--trust-config</c>) and a c2pa-rs settings file (<c>--settings</c>),
/// all added together.
/// </summary>
internal sealed class TrustOptions
{
    private readonly Option<FileInfo[]> _trust = new("--trust") { Description = "PEM bundle of trust anchors, such as the C2PA trust list (repeatable). Default, when no anchor is named here or in --settings: this machine's development CA, if one was made." };
    private readonly Option<FileInfo[]> _allowed = new("--allowed") { Description = "Allowed list (repeatable): end-entity certificates trusted as signers in themselves, as PEM certificates and/or base64 SHA-256 hashes of their DER, one a line (c2pa-rs's trust.allowed_list)." };
    private readonly Option<FileInfo[]> _trustConfig = new("--trust-config") { Description = "Extended key usage OIDs accepted for claim signing besides the defaults, one a line (c2pa-rs's trust.trust_config; repeatable)." };
    private readonly Option<FileInfo?> _settings = new("--settings") { Description = "A c2pa-rs settings file (JSON: {\"trust\": {\"trust_anchors\", \"user_anchors\", \"allowed_list\", \"trust_config\"}, \"verify\": {...}}); the same file configures c2pa-rs." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_trust);
        command.Options.Add(_allowed);
        command.Options.Add(_trustConfig);
        command.Options.Add(_settings);
    }

    /// <summary>
    /// <paramref name="options"/> with the trust the command line names, and a description of the anchors for the
    /// verdict line.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">A file that cannot be read as what it was given for (the message names its line).</exception>
    public (VerificationOptions Options, string Description) Apply(ParseResult result, VerificationOptions options)
    {
        FileInfo[] anchorFiles = result.GetValue(_trust) ?? [];
        TrustSettings settings = result.GetValue(_settings) is { } file ? TrustSettings.FromJsonFile(file.FullName) : TrustSettings.Empty;
        var described = new List<string>();
        TrustAnchorSet anchors = TrustAnchorSet.Empty;
        foreach (FileInfo anchorFile in anchorFiles)
        {
            anchors = anchors.Union(TrustAnchorSet.FromPemFile(anchorFile.FullName));
            described.Add(anchorFile.Name);
        }

        if (settings.TrustAnchors.Count + settings.UserAnchors.Count > 0)
        {
            described.Add($"{settings.TrustAnchors.Count + settings.UserAnchors.Count} from {result.GetValue(_settings)!.Name}");
        }
        else if (anchorFiles.Length == 0 && DevelopmentCertificates.TryLoadTrustAnchors() is { } development)
        {
            anchors = development;
            described.Add("the Provenance development CA of this machine (trusted here only)");
        }

        foreach (FileInfo allowedFile in result.GetValue(_allowed) ?? [])
        {
            settings = settings with { AllowedList = settings.AllowedList.Union(AllowedSignerList.FromFile(allowedFile.FullName)) };
        }

        foreach (FileInfo configFile in result.GetValue(_trustConfig) ?? [])
        {
            settings = settings with { AdditionalEkus = [.. settings.AdditionalEkus, .. TrustSettings.ParseExtendedKeyUsages(File.ReadAllText(configFile.FullName), configFile.FullName)] };
        }

        string description = described.Count > 0 ? string.Join(", ", described) : "none (use --trust to name trust anchors)";
        if (settings.AllowedList.Count > 0)
        {
            description += $"; allowed list: {settings.AllowedList.Count} certificate{(settings.AllowedList.Count == 1 ? "" : "s")}";
        }

        return (settings.ApplyTo(options with { TrustAnchors = anchors }), description);
    }
}
