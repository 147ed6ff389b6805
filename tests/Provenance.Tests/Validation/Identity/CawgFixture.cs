using System.Formats.Cbor;
using Provenance.Cbor;

namespace Provenance.Tests.Validation.Identity;

/// <summary>
/// c2pa-rs's C_with_CAWG_data.jpg (sdk/tests/fixtures): one manifest with a cawg.identity assertion whose X.509
/// credential (Ed25519, "C2PA Signer" under c2pa-rs's test root) signs references to cawg.training-mining and
/// c2pa.hash.data. The helpers find the identity assertion's parts by their CBOR keys and alter copies as an attacker would.
/// </summary>
internal static class CawgFixture
{
    public const string Name = "C_with_CAWG_data.jpg";

    public static string Path => TestPaths.Fixture(Name);

    public static string RootBundle => TestPaths.Fixture("test_cert_root_bundle.pem");

    public static byte[] Bytes() => File.ReadAllBytes(Path);

    /// <summary>Offset and length of the identity assertion's CBOR map in the file.</summary>
    public static (int Offset, int Length) AssertionCbor(byte[] file)
    {
        // The map starts with a4 (four entries) and the key "signer_payload" (6e = text of 14 bytes).
        int key = file.AsSpan().IndexOf("signer_payload"u8);
        int start = key - 2;
        var reader = new CborReader(file.AsMemory(start));
        CborValue map = CborValue.Read(reader);
        return (start, map.EncodedBytes.Length);
    }

    /// <summary>The identity assertion's CBOR content.</summary>
    public static ReadOnlyMemory<byte> AssertionContent(byte[] file)
    {
        (int offset, int length) = AssertionCbor(file);
        return file.AsMemory(offset, length);
    }

    /// <summary>Offset and length of the COSE_Sign1 in the identity assertion's <c>signature</c> field.</summary>
    public static (int Offset, int Length) Signature(byte[] file)
    {
        // "signature" (69 + 9 bytes) followed by a byte string with a two-byte length (59 hh ll).
        int key = file.AsSpan().IndexOf("isignatureY"u8);
        int length = (file[key + 11] << 8) | file[key + 12];
        return (key + 13, length);
    }

    /// <summary>Writes an altered copy of the fixture and returns its path.</summary>
    public static string WriteAltered(string directory, string name, Action<byte[]> alter)
    {
        byte[] file = Bytes();
        alter(file);
        string path = System.IO.Path.Combine(directory, name);
        File.WriteAllBytes(path, file);
        return path;
    }
}
