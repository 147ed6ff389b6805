using System.Collections;
using System.Formats.Cbor;

namespace Provenance.Cbor;

/// <summary>An array (major type 4).</summary>
internal sealed class CborArray : CborValue, IReadOnlyList<CborValue>
{
    private readonly List<CborValue> _items = [];

    /// <summary>Creates an empty array.</summary>
    public CborArray()
    {
    }

    /// <summary>Creates an array of items.</summary>
    public CborArray(IEnumerable<CborValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (CborValue item in items)
        {
            Add(item);
        }
    }

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public CborValue this[int index] => _items[index];

    /// <summary>Appends an item.</summary>
    /// <exception cref="InvalidOperationException">The array was decoded (<see cref="CborValue.IsReadOnly"/>).</exception>
    public void Add(CborValue item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ThrowIfReadOnly();
        AddRead(item);
        Invalidate();
    }

    /// <inheritdoc />
    public IEnumerator<CborValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override void WriteTo(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray(_items.Count);
        foreach (CborValue item in _items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    internal void AddRead(CborValue item)
    {
        _items.Add(item);
        item.SetParent(this);
    }
}
