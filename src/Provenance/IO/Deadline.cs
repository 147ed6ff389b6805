namespace Provenance.IO;

/// <summary>
/// Runs one operation under a time budget (<c>VerificationOptions.Timeout</c>, <c>SigningOptions.Timeout</c>):
/// the budget's expiry surfaces as a <see cref="TimeoutException"/> naming the option, while the caller's own
/// cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal static class Deadline
{
    /// <summary>Runs <paramref name="operation"/> with a token cancelled by the caller or after <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The budget; null runs the operation with the caller's token alone.</param>
    /// <param name="what">What is done, for the message ("Verification").</param>
    /// <param name="option">The option that set the budget, for the message ("VerificationOptions.Timeout").</param>
    /// <param name="operation">The operation; it must observe the token it is given.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="TimeoutException">The budget ran out first.</exception>
    public static async Task<T> RunAsync<T>(TimeSpan? timeout, string what, string option, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (timeout is not { } budgetTime)
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(budgetTime);
        try
        {
            return await operation(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} did not finish within {budgetTime.TotalMilliseconds:0.###} ms ({option}).", ex);
        }
    }
}
