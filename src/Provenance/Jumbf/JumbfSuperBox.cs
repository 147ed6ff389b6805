namespace Provenance.Jumbf;

/// <summary>
/// A JUMBF superbox (<c>jumb</c>): a description box followed by content boxes and superboxes. Read boxes keep their
/// original bytes; <see cref="Payload"/> (everything after the superbox's own header) is what C2PA hashes (C2PA 2.2 §8.4.2.3).
/// </summary>
internal sealed class JumbfSuperBox : JumbfBox
{
    private readonly List<JumbfBox> _children;
    private byte[]? _encoded;

    /// <summary>Builds a superbox.</summary>
    public JumbfSuperBox(JumbfDescription description, IEnumerable<JumbfBox> children)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(children);
        Description = description;
        _children = [.. children];
    }

    internal JumbfSuperBox(JumbfDescription description, List<JumbfBox> children, ReadOnlyMemory<byte> raw, long offset, int headerLength)
    {
        Description = description;
        _children = children;
        RawBytes = raw;
        Offset = offset;
        HeaderLength = headerLength;
    }

    /// <inheritdoc />
    public override FourCC BoxType => FourCC.Jumb;

    /// <summary>The description box.</summary>
    public JumbfDescription Description { get; }

    /// <summary>The label from the description box.</summary>
    public string? Label => Description.Label;

    /// <summary>The boxes after the description box.</summary>
    public IReadOnlyList<JumbfBox> Children => _children;

    /// <summary>Length of this box's header (8, or 16 with an XLBox).</summary>
    public int HeaderLength { get; private init; } = 8;

    /// <summary>The bytes after this superbox's header: description box and children, exactly as read (or encoded).</summary>
    public ReadOnlyMemory<byte> Payload => RawBytes.IsEmpty ? Encode().AsMemory(8) : RawBytes[HeaderLength..];

    /// <summary>Direct child superboxes with this label.</summary>
    public IReadOnlyList<JumbfSuperBox> FindChildren(string label)
        => [.. _children.OfType<JumbfSuperBox>().Where(c => c.Label == label)];

    /// <summary>The only direct child superbox with this label; null if none or more than one (ambiguous, C2PA 2.2 §8.4.2.2).</summary>
    public JumbfSuperBox? FindChild(string label)
    {
        IReadOnlyList<JumbfSuperBox> found = FindChildren(label);
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>The first content box of a type.</summary>
    public JumbfContentBox? FirstContent(FourCC type) => _children.OfType<JumbfContentBox>().FirstOrDefault(c => c.BoxType == type);

    /// <summary>Appends a child (only to a superbox built in memory).</summary>
    public void Add(JumbfBox child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (!RawBytes.IsEmpty)
        {
            throw new InvalidOperationException("A superbox read from bytes is immutable; build a new one.");
        }

        _children.Add(child);
        _encoded = null;
    }

    /// <inheritdoc />
    public override byte[] Encode()
    {
        if (!RawBytes.IsEmpty)
        {
            return RawBytes.ToArray();
        }

        if (_encoded is null)
        {
            using var payload = new MemoryStream();
            payload.Write(Description.Encode());
            foreach (JumbfBox child in _children)
            {
                payload.Write(child.RawBytes.IsEmpty ? child.Encode() : child.RawBytes.Span);
            }

            _encoded = JumbfBoxWriter.Frame(FourCC.Jumb, payload.GetBuffer().AsSpan(0, (int)payload.Length));
        }

        return _encoded;
    }
}
