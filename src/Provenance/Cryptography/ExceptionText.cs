namespace Provenance.Cryptography;

/// <summary>
/// States a third-party library's exception in one line for a report or an error: its message's first line and, when
/// it adds something, its innermost cause's. BouncyCastle folds causes into its messages with their stack traces, which
/// differ with JIT inlining and would make a report differ between runs and threads.
/// </summary>
internal static class ExceptionText
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Exception innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        string outer = FirstLine(exception.Message);
        string cause = FirstLine(innermost.Message);
        return ReferenceEquals(innermost, exception) || outer.Contains(cause, StringComparison.Ordinal) ? outer : $"{outer} ({cause})";
    }

    private static string FirstLine(string message)
    {
        int end = message.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? message : message[..end]).TrimEnd();
    }
}
