using System.Diagnostics.CodeAnalysis;

namespace Provenance.IO;

/// <summary>
/// The bytes one verification may read from its asset (<c>AssetReadOptions.MaxBytesRead</c>), charged a read at
/// a time by the asset's <see cref="SubStream"/> (format walks, hashing and Merkle leaves alike): a manifest that makes
/// the verifier walk or hash the same bytes again and again is stopped when the budget runs out, while the hashing core
/// pays one addition per block. Thread-safe: Merkle leaves are read on several threads.
/// </summary>
internal sealed class ReadBudget
{
    private readonly long _maxBytes;
    private long _read;
    private ProvenanceFormatException? _refusal;

    /// <summary>A budget of <paramref name="maxBytes"/> bytes.</summary>
    public ReadBudget(long maxBytes) => _maxBytes = maxBytes;

    /// <summary>How many bytes have been charged so far.</summary>
    public long BytesRead => Interlocked.Read(ref _read);

    /// <summary>Charges <paramref name="bytes"/> read at <paramref name="offset"/>.</summary>
    /// <exception cref="ProvenanceFormatException">The reads so far exceed the budget.</exception>
    public void Charge(long offset, int bytes)
    {
        if (Interlocked.Add(ref _read, bytes) > _maxBytes)
        {
            ThrowSpent(offset);
        }
    }

    /// <summary>
    /// Throws the first refusal again if the budget ran out: a caller that caught it on the way (a hash check reporting a
    /// mismatch) must not have its verdict stand for a verification that did not finish.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The budget ran out during the verification.</exception>
    public void ThrowIfSpent()
    {
        if (Volatile.Read(ref _refusal) is { } refusal)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refusal);
        }
    }

    [DoesNotReturn]
    private void ThrowSpent(long offset)
    {
        var refusal = new ProvenanceFormatException(FormatLayer.Io, offset, $"verification read more than {_maxBytes} bytes of the asset, the limit (AssetReadOptions.MaxBytesRead)");
        Interlocked.CompareExchange(ref _refusal, refusal, null);
        throw refusal;
    }
}
