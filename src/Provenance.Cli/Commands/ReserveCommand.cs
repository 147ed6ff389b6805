using System.CommandLine;

namespace Provenance.Cli.Commands;

/// <summary><c>provenance reserve</c>: copy an MP4/MOV/M4A with room for a manifest after ftyp, for later <c>sign --in-place</c>.</summary>
internal static class ReserveCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "The MP4/MOV/M4A to copy." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The copy with reserved room.", Required = true };
        var bytes = new Option<long>("--bytes") { Description = "Bytes to reserve (default 1 MiB).", DefaultValueFactory = _ => 1024 * 1024 };
        var command = new Command("reserve", "Copy an MP4/MOV/M4A with room reserved after ftyp, so it can later be signed in place.") { input, output, bytes };
        command.SetAction((result, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            FileInfo source = result.GetValue(input)!;
            FileInfo target = result.GetValue(output)!;
            await using var read = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            try
            {
                await using var write = new FileStream(target.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                await ManifestBuilder.ReserveInPlaceRoomAsync(read, write, result.GetValue(bytes), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Not ISO BMFF: nothing useful was written.
                File.Delete(target.FullName);
                Console.Error.WriteLine($"error: {source.Name} is not an ISO BMFF file (MP4, MOV, M4A, HEIF, HEIC, AVIF).");
                return ExitCodes.BadInput;
            }

            Console.WriteLine($"Reserved {result.GetValue(bytes)} bytes after ftyp in {target.FullName}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
