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
        catch (ProvenanceFormatException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
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
