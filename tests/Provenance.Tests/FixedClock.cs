namespace Provenance.Tests;

/// <summary>A clock that always reads <paramref name="now"/>, for signing or verifying "as of" another time.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
