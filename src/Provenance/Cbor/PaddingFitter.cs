namespace Provenance.Cbor;

/// <summary>
/// Finds the lengths of zero-filled <c>pad</c> and <c>pad2</c> byte strings that bring a CBOR structure to an exact
/// encoded size. C2PA fixes the size of the signature box and of hard-binding assertions before their content is known
/// and fills the difference with padding (C2PA 2.2 §10.4.4). A byte string's header grows by one byte at lengths 24,
/// 256 and 65,536, so some sizes cannot be reached with one pad; a second pad covers them.
/// </summary>
internal static class PaddingFitter
{
    /// <summary>
    /// Encodes with pads chosen so the result has exactly <paramref name="targetSize"/> bytes.
    /// </summary>
    /// <param name="encode">Encodes the structure with a <c>pad</c> of the first length and, when the second is not
    /// negative, a <c>pad2</c> of the second length.</param>
    /// <param name="targetSize">The required encoded size.</param>
    /// <returns>The encoding of exactly <paramref name="targetSize"/> bytes, or <see langword="null"/> when the
    /// structure does not fit even without padding.</returns>
    public static byte[]? Fit(Func<int, int, byte[]> encode, int targetSize)
    {
        int baseSize = encode(0, -1).Length;
        int diff = targetSize - baseSize;
        if (diff < 0)
        {
            return null;
        }

        // size(p) = baseSize + p + header(p) - header(0); header(0) is one byte.
        int? single = SolveOne(diff);
        if (single is int p)
        {
            return Verify(encode(p, -1), targetSize);
        }

        int withPad2 = encode(0, 0).Length;
        int diff2 = targetSize - withPad2;
        for (int p2 = 0; p2 <= 8 && p2 <= diff2; p2++)
        {
            int rest = diff2 - (p2 + HeaderLength(p2) - 1);
            if (rest >= 0 && SolveOne(rest) is int p1)
            {
                return Verify(encode(p1, p2), targetSize);
            }
        }

        return null;
    }

    private static int? SolveOne(int growth)
    {
        foreach (int header in (ReadOnlySpan<int>)[1, 2, 3, 5, 9])
        {
            int length = growth + 1 - header;
            if (length >= 0 && HeaderLength(length) == header)
            {
                return length;
            }
        }

        return null;
    }

    private static int HeaderLength(long length) => length switch
    {
        < 24 => 1,
        < 256 => 2,
        < 65536 => 3,
        < 4294967296 => 5,
        _ => 9,
    };

    private static byte[] Verify(byte[] encoded, int targetSize)
    {
        if (encoded.Length != targetSize)
        {
            throw new InvalidOperationException($"Padding produced {encoded.Length} bytes instead of {targetSize}.");
        }

        return encoded;
    }
}
