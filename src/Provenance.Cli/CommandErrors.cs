using System.Security.Cryptography;

namespace Provenance.Cli;

/// <summary>Turns failures into one clear line on stderr and the contract's exit code.</summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (UnsupportedFormatException ex)
        {
            // Exit code 3 either way (DESIGN.md); the message tells "not a format Provenance handles" from "corrupt".
            Console.Error.WriteLine("error: unsupported format: " + ex.Reason);
        }
        catch (ProvenanceFormatException ex)
        {
            Console.Error.WriteLine("error: malformed input: " + ex.Message);
        }
        catch (ProvenanceSigningException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
        }
        catch (Provenance.Cryptography.TimeStampAuthorityException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or NotSupportedException or InvalidOperationException)
        {
            Console.Error.WriteLine("error: " + ex.Message);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
        }

        return ExitCodes.BadInput;
    }
}
