namespace Provenance.Cli;

/// <summary>Exit codes of the command-line contract (DESIGN.md).</summary>
internal static class ExitCodes
{
    /// <summary>Valid or trusted; or a command that succeeded.</summary>
    public const int Success = 0;

    /// <summary>The manifest is invalid.</summary>
    public const int Invalid = 1;

    /// <summary>The asset has no manifest.</summary>
    public const int NoManifest = 2;

    /// <summary>Unreadable input or bad arguments.</summary>
    public const int BadInput = 3;
}
