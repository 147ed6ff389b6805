using System.CommandLine;
using Provenance.Cli;
using Provenance.Cli.Commands;

var root = new RootCommand("Provenance: sign and verify C2PA content credentials (JPEG, PNG, MP4, MOV, M4A).")
{
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
