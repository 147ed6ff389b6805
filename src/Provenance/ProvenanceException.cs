namespace Provenance;

/// <summary>
/// The base of the exceptions Provenance throws for input it cannot use and for signing it refuses:
/// <see cref="ProvenanceFormatException"/> (malformed input), <see cref="UnsupportedFormatException"/> (input of a
/// format that is not supported) and <see cref="ProvenanceSigningException"/>. Catch it to handle all of them at once;
/// argument misuse throws the usual <see cref="ArgumentException"/> family instead.
/// </summary>
public abstract class ProvenanceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    protected ProvenanceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
