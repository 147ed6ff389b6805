using System.Buffers.Binary;
using System.Security.Cryptography;
using Provenance.Formats;

namespace Provenance.Signing;

/// <summary>
/// Computes the flat BMFF hash with the default exclusions while the output is written. Every piece of a BMFF plan is
/// one whole top-level box, so each piece either contributes its offset and bytes or, for the C2PA box (the store
/// piece), <c>ftyp</c>, <c>mfra</c>, <c>free</c> and <c>skip</c>, nothing: the same bytes <c>BmffHasher</c> reads back.
/// </summary>
internal sealed class BmffWriteHasher(HashAlgorithmName algorithm) : IWriteHasher
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);
    private bool _decided;
    private bool _included;
    private long _offset;

    public void StartPiece(OutputPiece piece, long outputOffset)
    {
        _offset = outputOffset;
        _decided = piece is StorePiece || piece.Length < 8;
        _included = false;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (!_decided)
        {
            _decided = true;
            string type = System.Text.Encoding.ASCII.GetString(data.Slice(4, 4));
            _included = type is not ("ftyp" or "mfra" or "free" or "skip");
            if (_included)
            {
                Span<byte> offset = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(offset, (ulong)_offset);
                _hash.AppendData(offset);
            }
        }

        if (_included)
        {
            _hash.AppendData(data);
        }
    }

    public byte[] GetHash() => _hash.GetHashAndReset();

    public void Dispose() => _hash.Dispose();
}
