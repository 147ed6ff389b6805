using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Provenance.Cbor;

internal abstract partial class CborValue
{
    /// <summary>
    /// Writes this item as JSON: maps become objects (non-text keys as their diagnostic text), byte strings become base64
    /// text, tags write their content, undefined becomes null.
    /// </summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (this)
        {
            case CborInteger integer:
                if (integer.Value >= long.MinValue && integer.Value <= long.MaxValue)
                {
                    writer.WriteNumberValue((long)integer.Value);
                }
                else if (integer.Value > 0 && integer.Value <= ulong.MaxValue)
                {
                    writer.WriteNumberValue((ulong)integer.Value);
                }
                else
                {
                    writer.WriteRawValue(integer.Value.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case CborByteString bytes:
                writer.WriteBase64StringValue(bytes.Value.Span);
                break;
            case CborTextString text:
                writer.WriteStringValue(text.Value);
                break;
            case CborFloat number when double.IsFinite(number.Value):
                writer.WriteNumberValue(number.Value);
                break;
            case CborFloat number:
                writer.WriteStringValue(number.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case CborSimple simple when simple.IsBoolean:
                writer.WriteBooleanValue(simple == CborSimple.True);
                break;
            case CborSimple:
                writer.WriteNullValue();
                break;
            case CborTag tag:
                tag.Content.WriteJson(writer);
                break;
            case CborArray array:
                writer.WriteStartArray();
                foreach (CborValue item in array)
                {
                    item.WriteJson(writer);
                }

                writer.WriteEndArray();
                break;
            case CborMap map:
                writer.WriteStartObject();
                foreach ((CborValue key, CborValue value) in map)
                {
                    writer.WritePropertyName(key is CborTextString t ? t.Value : key.ToString());
                    value.WriteJson(writer);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>This item as JSON text (see <see cref="WriteJson"/>).</summary>
    public string ToJsonString(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Converts JSON to CBOR: integral numbers that fit become integers, other numbers floats.</summary>
    public static CborValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FromJsonObject(element),
        JsonValueKind.Array => new CborArray(element.EnumerateArray().Select(FromJson)),
        JsonValueKind.String => new CborTextString(element.GetString()!),
        JsonValueKind.Number when element.TryGetInt64(out long integer) => new CborInteger(integer),
        JsonValueKind.Number when element.TryGetUInt64(out ulong unsigned) => new CborInteger(unsigned),
        JsonValueKind.Number => new CborFloat(element.GetDouble()),
        JsonValueKind.True => CborSimple.True,
        JsonValueKind.False => CborSimple.False,
        _ => CborSimple.Null,
    };

    /// <summary>CBOR diagnostic notation (RFC 8949 §8), for messages and tests.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendDiagnostic(text);
        return text.ToString();
    }

    private static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                < ' ' => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }

    private static CborMap FromJsonObject(JsonElement element)
    {
        var map = new CborMap();
        foreach (JsonProperty property in element.EnumerateObject())
        {
            map[property.Name] = FromJson(property.Value);
        }

        return map;
    }

    private void AppendDiagnostic(StringBuilder text)
    {
        switch (this)
        {
            case CborInteger integer:
                text.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case CborByteString bytes:
                text.Append("h'").Append(Convert.ToHexStringLower(bytes.Value.Span)).Append('\'');
                break;
            case CborTextString s:
                AppendQuoted(text, s.Value);
                break;
            case CborFloat number:
                text.Append(double.IsNaN(number.Value) ? "NaN" : double.IsPositiveInfinity(number.Value) ? "Infinity" : double.IsNegativeInfinity(number.Value) ? "-Infinity" : number.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case CborSimple simple:
                text.Append(simple.Value switch { 20 => "false", 21 => "true", 22 => "null", 23 => "undefined", _ => $"simple({simple.Value})" });
                break;
            case CborTag tag:
                text.Append(tag.Tag.ToString(CultureInfo.InvariantCulture)).Append('(');
                tag.Content.AppendDiagnostic(text);
                text.Append(')');
                break;
            case CborArray array:
                text.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    text.Append(i > 0 ? ", " : "");
                    array[i].AppendDiagnostic(text);
                }

                text.Append(']');
                break;
            case CborMap map:
                text.Append('{');
                bool first = true;
                foreach ((CborValue key, CborValue value) in map)
                {
                    text.Append(first ? "" : ", ");
                    first = false;
                    key.AppendDiagnostic(text);
                    text.Append(": ");
                    value.AppendDiagnostic(text);
                }

                text.Append('}');
                break;
        }
    }
}
