using System.Formats.Cbor;

namespace Provenance.Cbor;

/// <summary>Conveniences over the runtime's <see cref="CborWriter"/>.</summary>
internal static class CborWriterExtensions
{
    /// <summary>
    /// Writes a tag by number (such as 18, COSE_Sign1); the tagged item must follow. Spares callers the runtime's
    /// <c>System.Formats.Cbor.CborTag</c> enum, whose name is also the model's tagged item, <see cref="Cbor.CborTag"/>.
    /// </summary>
    public static void WriteTag(this CborWriter writer, ulong tag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteTag((System.Formats.Cbor.CborTag)tag);
    }
}
