using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;

namespace Provenance.Cbor;

/// <summary>
/// A map (major type 5). Enumeration keeps insertion (or wire) order; <see cref="CborValue.Encode"/> sorts keys.
/// Keys are compared structurally, so <c>1</c> and <c>"1"</c> are different keys.
/// </summary>
internal sealed class CborMap : CborValue, IEnumerable<KeyValuePair<CborValue, CborValue>>
{
    private readonly List<KeyValuePair<CborValue, CborValue>> _entries = [];
    private readonly Dictionary<CborValue, int> _index = [];

    /// <summary>Number of pairs.</summary>
    public int Count => _entries.Count;

    /// <summary>The keys, in order.</summary>
    public IEnumerable<CborValue> Keys => _entries.Select(e => e.Key);

    /// <summary>Gets or sets the value under a text key.</summary>
    /// <exception cref="KeyNotFoundException">On get, when absent.</exception>
    public CborValue this[string key]
    {
        get => this[new CborTextString(key)];
        set => this[new CborTextString(key)] = value;
    }

    /// <summary>Gets or sets the value under an integer key (COSE header labels).</summary>
    public CborValue this[long key]
    {
        get => this[new CborInteger(key)];
        set => this[new CborInteger(key)] = value;
    }

    /// <summary>Gets or sets the value under a key.</summary>
    public CborValue this[CborValue key]
    {
        get => TryGetValue(key, out CborValue? value) ? value : throw new KeyNotFoundException($"No key {key} in the map.");
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            ThrowIfReadOnly();
            if (_index.TryGetValue(key, out int position))
            {
                _entries[position] = new(key, value);
                value.SetParent(this);
                Invalidate();
            }
            else
            {
                Add(key, value);
            }
        }
    }

    /// <summary>Adds a pair.</summary>
    /// <exception cref="ArgumentException">The key is already present.</exception>
    /// <exception cref="InvalidOperationException">The map was decoded (<see cref="CborValue.IsReadOnly"/>).</exception>
    public void Add(CborValue key, CborValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfReadOnly();
        if (!AddRead(key, value, allowDuplicate: false))
        {
            throw new ArgumentException($"The map already has key {key}.", nameof(key));
        }

        Invalidate();
    }

    /// <summary>Looks up a text key.</summary>
    public bool TryGetValue(string key, [NotNullWhen(true)] out CborValue? value) => TryGetValue(new CborTextString(key), out value);

    /// <summary>Looks up a key.</summary>
    public bool TryGetValue(CborValue key, [NotNullWhen(true)] out CborValue? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index.TryGetValue(key, out int position))
        {
            value = _entries[position].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The value under a text key, or null.</summary>
    public CborValue? GetValueOrDefault(string key) => TryGetValue(key, out CborValue? value) ? value : null;

    /// <summary>Whether a text key is present.</summary>
    public bool ContainsKey(string key) => _index.ContainsKey(new CborTextString(key));

    /// <summary>Removes a text key; returns whether it was present.</summary>
    /// <exception cref="InvalidOperationException">The map was decoded (<see cref="CborValue.IsReadOnly"/>).</exception>
    public bool Remove(string key)
    {
        ThrowIfReadOnly();
        if (!_index.Remove(new CborTextString(key), out int position))
        {
            return false;
        }

        _entries.RemoveAt(position);
        _index.Clear();
        for (int i = 0; i < _entries.Count; i++)
        {
            _index[_entries[i].Key] = i;
        }

        Invalidate();
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<CborValue, CborValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override void WriteTo(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // RFC 8949 §4.2.1: entries ordered bytewise by their keys' deterministic encodings, which makes the output core
        // deterministic (C2PA 2.2 §10.1 requires it for claims). The writer does not sort: its canonical modes order keys as
        // RFC 7049 §3.9 does (shorter encodings first), which differs when the keys' major types differ.
        var entries = new List<(byte[] EncodedKey, CborValue Value)>(_entries.Count);
        foreach ((CborValue key, CborValue value) in _entries)
        {
            entries.Add((key.Encode(), value));
        }

        entries.Sort((a, b) => a.EncodedKey.AsSpan().SequenceCompareTo(b.EncodedKey));
        writer.WriteStartMap(entries.Count);
        foreach ((byte[] encodedKey, CborValue value) in entries)
        {
            // The key's encoding made for sorting, written as it is: encoding it again here would double the work at
            // each level of maps used as keys (exponential in their nesting; fuzz/findings/cbor).
            writer.WriteEncodedValue(encodedKey);
            value.WriteTo(writer);
        }

        writer.WriteEndMap();
    }

    internal bool AddRead(CborValue key, CborValue value, bool allowDuplicate)
    {
        if (_index.TryGetValue(key, out int existing))
        {
            if (!allowDuplicate)
            {
                return false;
            }

            _entries[existing] = new(key, value);
        }
        else
        {
            _index[key] = _entries.Count;
            _entries.Add(new(key, value));
        }

        key.SetParent(this);
        value.SetParent(this);
        return true;
    }
}
