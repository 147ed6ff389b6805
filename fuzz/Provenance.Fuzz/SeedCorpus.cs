using Provenance.Formats;
using Provenance.Jumbf;

namespace Provenance.Fuzz;

/// <summary>
/// Makes the seed corpus of every target from media files: each is signed with the fuzzing key, and the signed file,
/// its manifest store, the store's CBOR boxes and its COSE signature become seeds of the targets that read them; the
/// signed file alone seeds its format's handler target.
/// </summary>
internal static class SeedCorpus
{
    /// <summary>Seeds larger than this are left out (AFL++ works best on small inputs).</summary>
    private const int MaxSeedSize = 100 * 1024;

    /// <summary>The targets whose input is a whole asset.</summary>
    private static readonly string[] AssetTargets = ["detect", "read-store", "verify", "sign"];

    public static void Write(string outputDirectory, IEnumerable<string> mediaPaths)
    {
        foreach (string name in FuzzTargets.Names)
        {
            Directory.CreateDirectory(Path.Combine(outputDirectory, name));
        }

        foreach (string path in mediaPaths)
        {
            string stem = Path.GetFileName(path).Replace('.', '_');
            byte[] original = InContainer(File.ReadAllBytes(path));
            foreach (string target in AssetTargets)
            {
                Save(outputDirectory, target, stem, original);
            }

            byte[] signed;
            try
            {
                signed = FuzzTargets.SignForSeed(original);
            }
            catch (ProvenanceException e)
            {
                Console.Error.WriteLine($"{path}: not signed ({e.Message})");
                continue;
            }

            foreach (string target in AssetTargets)
            {
                Save(outputDirectory, target, $"{stem}.signed", signed);
            }

            using var stream = new MemoryStream(signed, writable: false);
            IAssetFormat? format = AssetFormats.Detect(stream);
            foreach ((string target, FormatTarget handler) in FuzzTargets.FormatTargets)
            {
                if (format is not null && handler.Serves(format))
                {
                    Save(outputDirectory, target, stem, signed);
                }
            }

            byte[]? store = format?.CreateHandler().ReadManifestStore(stream, AssetReadOptions.Default)?.Store;
            if (store is null)
            {
                continue;
            }

            Save(outputDirectory, "jumbf", stem, store);
            int index = 0;
            foreach (JumbfContentBox box in ContentBoxes(JumbfReader.ReadSuperBox(store)).Where(b => b.BoxType == FourCC.Cbor))
            {
                Save(outputDirectory, "cbor", $"{stem}.{index++}", box.Data.ToArray());
            }

            JumbfContentBox? signature = ContentBoxes(JumbfReader.ReadSuperBox(store))
                .LastOrDefault(b => b.BoxType == FourCC.Cbor && b.Data.Length > 0 && b.Data.Span[0] == 0xD2);
            if (signature is not null)
            {
                Save(outputDirectory, "cose", stem, signature.Data.ToArray());
            }
        }
    }

    /// <summary>
    /// A bare JPEG XL codestream (what ffmpeg writes) wrapped in the container that can hold a store (ISO/IEC 18181-2:
    /// the signature box, <c>ftyp</c>, then the codestream in a <c>jxlc</c> box); any other file as it is.
    /// </summary>
    private static byte[] InContainer(byte[] file)
    {
        if (file is not [0xFF, 0x0A, ..])
        {
            return file;
        }

        byte[] jxlc = [0, 0, 0, 0, (byte)'j', (byte)'x', (byte)'l', (byte)'c', .. file];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(jxlc, (uint)jxlc.Length);
        return
        [
            0, 0, 0, 12, (byte)'J', (byte)'X', (byte)'L', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A,
            0, 0, 0, 20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'j', (byte)'x', (byte)'l', (byte)' ', 0, 0, 0, 0, (byte)'j', (byte)'x', (byte)'l', (byte)' ',
            .. jxlc,
        ];
    }

    private static IEnumerable<JumbfContentBox> ContentBoxes(JumbfSuperBox box)
    {
        foreach (JumbfBox child in box.Children)
        {
            if (child is JumbfContentBox content)
            {
                yield return content;
            }
            else if (child is JumbfSuperBox super)
            {
                foreach (JumbfContentBox nested in ContentBoxes(super))
                {
                    yield return nested;
                }
            }
        }
    }

    private static void Save(string outputDirectory, string target, string name, byte[] data)
    {
        if (data.Length is > 0 and <= MaxSeedSize)
        {
            File.WriteAllBytes(Path.Combine(outputDirectory, target, name), data);
        }
    }
}
