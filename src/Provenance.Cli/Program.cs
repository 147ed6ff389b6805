using System.CommandLine;
using System.CommandLine.Help;
using Provenance.Cli;
using Provenance.Cli.Commands;

// Not a RootCommand: that one is named after the executable (Provenance.Cli), while the command users type is the
// tool's command, `provenance`. A root Command with the same help and version options reads the same otherwise.
var root = new Command("provenance", "Provenance: sign and verify C2PA content credentials (JPEG, PNG, WebP, GIF, TIFF/DNG, HEIF/HEIC/AVIF, JPEG XL, SVG, MP4, MOV, M4A, MP3, WAV, FLAC, AVI; embedded, sidecar or remote).")
{
    new HelpOption(),
    new VersionOption(),
    SignCommand.Create(),
    VerifyCommand.Create(),
    InspectCommand.Create(),
    TreeCommand.Create(),
    ReserveCommand.Create(),
};

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
    {
        Console.Error.WriteLine("error: " + error.Message);
    }

    Console.Error.WriteLine("Run 'provenance --help' for usage.");
    return ExitCodes.BadInput;
}

return await parsed.InvokeAsync().ConfigureAwait(false);
