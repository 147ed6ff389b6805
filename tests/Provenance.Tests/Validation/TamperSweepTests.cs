using System.Buffers.Binary;
using System.Text;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation;
using Xunit.Abstractions;

namespace Provenance.Tests.Validation;

/// <summary>
/// The tamper sweep (issue 11, item 4): for a file of every format, signed here, a dense deterministic sample of single
/// byte flips inside the hashed ranges must each give a verdict that is not Trusted, for a reason the sweep names (the
/// hard binding's mismatch code, or a container whose framing the flip broke); flips of the COSE padding inside the
/// manifest store, which nothing hashes or signs, must not change the verdict. The counts are printed for
/// benchmarks/RESULTS.md.
/// </summary>
public class TamperSweepTests(ITestOutputHelper output)
{
    // About this many flips per file inside the hashed ranges, plus the bytes either side of every exclusion.
    private const int FlipsPerFile = 300;
    private const int PaddingFlips = 40;
    private const int BoundaryBytes = 8;

    public static TheoryData<string, string, long> Files() => new()
    {
        { "JPEG", "no_manifest.jpg", 0 },
        { "PNG", "sample1.png", 0 },
        { "MP4 flat", "video1_no_manifest.mp4", 0 },
        { "MP4 Merkle", "video1_no_manifest.mp4", 64 * 1024 },
        { "WebP", "formats/test.webp", 0 },
        { "WAV", "formats/sample1.wav", 0 },
        { "GIF", "formats/sample1.gif", 0 },
        { "TIFF", "formats/test.tiff", 0 },
        { "HEIC", "formats/sample1.heic", 0 },
        { "AVIF", "formats/sample1.avif", 0 },
        { "JPEG XL", "formats/sample1.jxl", 0 },
        { "SVG", "formats/sample1.svg", 0 },
        { "MP3", "formats/sample1.mp3", 0 },
        { "FLAC", "formats/sample1.flac", 0 },
        { "AVI", "formats/test.avi", 0 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Sweep_EveryHashedFlipIsCaught_PaddingFlipsChangeNothing(string format, string fixture, long merkleBlockSize)
    {
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture(fixture)), merkleBlockSize);
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors };
        Verdict baseline = await VerifyAsync(signed, options);
        Assert.Equal("Trusted", baseline.Outcome);

        ManifestStore parsedStore = Tampering.ReadStore(signed, out ExclusionRange storeRange);
        bool bmff = parsedStore.ActiveManifest!.Assertions.Any(a => a.Label?.StartsWith("c2pa.hash.bmff", StringComparison.Ordinal) == true);
        List<(long Start, long End)> excluded = [(storeRange.Start, storeRange.End)];
        if (bmff)
        {
            // The BMFF hash leaves out the C2PA box (the store's range), ftyp, mfra and the free-space boxes free and skip
            // (C2PA 2.2 §A.5.6; Formats/Bmff/BmffExclusions.cs, as c2pa-rs writes them): what they hold is not bound.
            excluded.AddRange(TopLevelBoxes(signed).Where(b => b.Type is "ftyp" or "mfra" or "free" or "skip").Select(b => (b.Offset, b.Offset + b.Size)));
        }

        string mismatchCode = bmff ? StatusCodes.AssertionBmffHashMismatch : StatusCodes.AssertionDataHashMismatch;
        var caught = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var missed = new List<string>();
        int tried = 0;
        foreach (long position in HashedSample(signed.Length, excluded))
        {
            byte[] tampered = (byte[])signed.Clone();
            tampered[position] ^= Mask(tried++);
            Verdict verdict = await VerifyAsync(tampered, options);
            if (verdict.Outcome == "Trusted" || verdict.Outcome == "Valid")
            {
                missed.Add($"offset {position} (0x{signed[position]:X2}): {verdict.Outcome}");
                continue;
            }

            string reason = verdict.Codes.Contains(mismatchCode, StringComparer.Ordinal) ? mismatchCode : verdict.Outcome + (verdict.Codes.Count > 0 ? ": " + string.Join(",", verdict.Codes) : string.Empty);
            caught[reason] = caught.GetValueOrDefault(reason) + 1;
        }

        // The padding is found in the store as the format carries it (a GIF splits it into sub-blocks, an SVG holds it
        // as base64, a PNG chunk's CRC covers it): each flip is written back as an attacker would, framing intact.
        (byte[] store, int paddingOffset, int paddingLength) = CosePadding(signed);
        int paddingTried = 0;
        var paddingChanged = new List<string>();
        for (int i = 0; i < PaddingFlips && paddingLength > 0; i++)
        {
            int position = paddingOffset + (i * paddingLength / PaddingFlips);
            byte[] tampered = WithStoreByteFlipped(format, signed, storeRange, store, position, Mask(i));
            paddingTried++;
            Verdict verdict = await VerifyAsync(tampered, options);
            if (verdict != baseline)
            {
                paddingChanged.Add($"store offset {position}: {verdict.Outcome} {string.Join(",", verdict.Codes)}");
            }
        }

        output.WriteLine($"SWEEP {format} | {fixture} | {signed.Length} bytes | hashed flips tried {tried}, caught {tried - missed.Count} ({string.Join("; ", caught.Select(c => $"{c.Key} {c.Value}"))}) | padding flips tried {paddingTried}, verdict unchanged {paddingTried - paddingChanged.Count}");
        Assert.True(tried >= FlipsPerFile / 2, $"only {tried} flips were tried");
        Assert.True(paddingTried > 0, "the signed file has no COSE padding to flip");
        Assert.True(missed.Count == 0, $"{format}: boxes {string.Join(" ", bmff ? TopLevelBoxes(signed).Select(b => $"{b.Type}@{b.Offset}+{b.Size}") : [])}; store {storeRange.Start}+{storeRange.Length};{format}: {missed.Count} of {tried} flips inside the hashed ranges were not caught: " + string.Join("; ", missed.Take(20)));
        Assert.True(paddingChanged.Count == 0, $"{format}: flips of the COSE padding changed the verdict: " + string.Join("; ", paddingChanged.Take(20)));
    }

    [Fact]
    public async Task Verify_SigningCertificateEkuExtensionMalformed_InvalidNotAnException()
    {
        // Found by the concurrency test's random flips: a certificate whose extended key usage extension no longer
        // decodes (its first OID's tag, 0x06, made 0x01) crashed the certificate profile check with CryptographicException.
        // Such a certificate is now refused where the x5chain is read (CertificateContent, found by fuzzing too): a
        // malformed x5chain entry, claimSignature.mismatch, as for an entry that is not a certificate at all.
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), 0);
        byte[] tampered = (byte[])signed.Clone();
        int eku = signed.AsSpan().IndexOf(new byte[] { 0x06, 0x03, 0x55, 0x1D, 0x25 });
        Assert.True(eku > 0, "no extended key usage extension found in the signed file");

        // extnID, [critical BOOLEAN], extnValue OCTET STRING { SEQUENCE OF KeyPurposeId }: the first KeyPurposeId's tag.
        int at = eku + 5;
        at += signed[at] == 0x01 ? 3 : 0;
        Assert.Equal(0x04, signed[at]);
        Assert.Equal(0x30, signed[at + 2]);
        Assert.Equal(0x06, signed[at + 4]);
        tampered[at + 4] = 0x01;

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(tampered), new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.ClaimSignatureMismatch && f.Explanation!.Contains("malformed certificate", StringComparison.Ordinal));
    }

    private static async Task<byte[]> SignAsync(byte[] input, long merkleBlockSize)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        var options = new SigningOptions { Thumbnails = null, MerkleBlockSize = merkleBlockSize > 0 ? merkleBlockSize : null };
        using var source = new MemoryStream(input);
        using var signed = new MemoryStream();
        await new ManifestBuilder().SetTitle("sweep").SignAsync(source, signed, signer, options);
        return signed.ToArray();
    }

    private static async Task<Verdict> VerifyAsync(byte[] asset, VerificationOptions options)
    {
        try
        {
            using var stream = new MemoryStream(asset, writable: false);
            ValidationReport report = await ManifestVerifier.VerifyAsync(stream, options);
            if (!report.HasManifest)
            {
                return new Verdict("no manifest found", []);
            }

            return new Verdict(report.State?.ToString() ?? "no state", [.. report.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal)]);
        }
        catch (ProvenanceFormatException ex)
        {
            return new Verdict(ex is UnsupportedFormatException ? "UnsupportedFormatException" : "ProvenanceFormatException", []);
        }
    }

    // Every Nth byte outside the exclusions, starting half a stride in, and the bytes either side of each exclusion.
    private static IEnumerable<long> HashedSample(long length, List<(long Start, long End)> excluded)
    {
        bool IsExcluded(long p) => excluded.Any(e => p >= e.Start && p < e.End);
        long hashed = length - excluded.Sum(e => e.End - e.Start);
        long stride = Math.Max(1, hashed / FlipsPerFile);
        var picked = new SortedSet<long>();
        long seen = 0;
        for (long p = 0; p < length; p++)
        {
            if (!IsExcluded(p) && seen++ % stride == stride / 2)
            {
                picked.Add(p);
            }
        }

        foreach ((long start, long end) in excluded)
        {
            for (long d = 1; d <= BoundaryBytes; d++)
            {
                foreach (long p in new[] { start - d, end + d - 1 })
                {
                    if (p >= 0 && p < length && !IsExcluded(p))
                    {
                        picked.Add(p);
                    }
                }
            }
        }

        return picked;
    }

    private static byte Mask(int i) => (i % 3) switch { 0 => 0x01, 1 => 0x80, _ => 0xFF };

    // The store as embedded, and the bytes of the "pad" (or "pad2") byte string in its active COSE unprotected header.
    private static (byte[] Store, int Offset, int Length) CosePadding(byte[] asset)
    {
        using var stream = new MemoryStream(asset, writable: false);
        byte[] store = AssetFormats.Detect(stream)!.CreateHandler().ReadManifestStore(stream, AssetReadOptions.Default)!.Store;
        ManifestStore parsed = ManifestStore.Parse(store);
        ReadOnlyMemory<byte> coseBytes = parsed.ActiveManifest!.Box.FindChild(C2paLabels.Signature)!.FirstContent(FourCC.Cbor)!.Data;
        int coseOffset = store.AsSpan().IndexOf(coseBytes.Span);
        ReadOnlySpan<byte> cose = coseBytes.Span;
        int offset = 0;
        int length = 0;

        // CBOR text strings "pad" and "pad2" (headers 0x63 'c' and 0x64 'd'), each followed by its byte string.
        foreach (byte[] key in new[] { "cpad"u8.ToArray(), "dpad2"u8.ToArray() })
        {
            int at = cose.IndexOf(key);
            if (at < 0)
            {
                continue;
            }

            int header = at + key.Length;
            (int size, int headerLength) = (cose[header] & 0x1F) switch
            {
                < 24 and int n => (n, 1),
                24 => (cose[header + 1], 2),
                25 => (BinaryPrimitives.ReadUInt16BigEndian(cose[(header + 1)..]), 3),
                26 => ((int)BinaryPrimitives.ReadUInt32BigEndian(cose[(header + 1)..]), 5),
                _ => (0, 1),
            };
            if (size > length && cose[header] >> 5 == 2)
            {
                offset = coseOffset + header + headerLength;
                length = size;
            }
        }

        return (store, offset, length);
    }

    // The asset with byte storeOffset of its embedded store XORed with mask, written back as the format carries the store.
    private static byte[] WithStoreByteFlipped(string format, byte[] asset, ExclusionRange range, byte[] store, int storeOffset, byte mask)
    {
        byte[] result = (byte[])asset.Clone();
        byte[] changed = (byte[])store.Clone();
        changed[storeOffset] ^= mask;
        int start = (int)range.Start;
        switch (format)
        {
            case "SVG":
                // Base64 without line breaks: the same length, spliced over the old text.
                byte[] oldText = Encoding.ASCII.GetBytes(Convert.ToBase64String(store));
                byte[] newText = Encoding.ASCII.GetBytes(Convert.ToBase64String(changed));
                newText.CopyTo(result, asset.AsSpan().IndexOf(oldText));
                break;
            case "GIF":
                // Introducer, label and the 12-byte application block, then a length byte before every 255 bytes.
                int at = start + 14 + (storeOffset / 255 * 256) + 1 + (storeOffset % 255);
                Assert.Equal(store[storeOffset], asset[at]);
                result[at] ^= mask;
                break;
            default:
                int storeAt = asset.AsSpan().IndexOf(store);
                Assert.True(storeAt >= start && storeAt + store.Length <= range.End, "the store lies inside its exclusion");
                result[storeAt + storeOffset] ^= mask;
                if (format == "PNG")
                {
                    // The caBX chunk's CRC covers its type and data (ISO/IEC 15948 §5.3); recompute it, as an attacker would.
                    int dataLength = (int)BinaryPrimitives.ReadUInt32BigEndian(result.AsSpan(start));
                    BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(start + 8 + dataLength), global::Provenance.Formats.Png.Crc32.Compute(result.AsSpan(start + 4, 4 + dataLength)));
                }

                break;
        }

        return result;
    }

    internal static IEnumerable<(string Type, long Offset, long Size)> TopLevelBoxes(byte[] asset)
    {
        for (long offset = 0; offset + 8 <= asset.Length;)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(asset.AsSpan((int)offset));
            string type = Encoding.ASCII.GetString(asset, (int)offset + 4, 4);
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(asset.AsSpan((int)offset + 8));
            }
            else if (size == 0)
            {
                size = asset.Length - offset;
            }

            yield return (type, offset, size);
            offset += size;
        }
    }

    private sealed record Verdict(string Outcome, IReadOnlyList<string> Codes)
    {
        public bool Equals(Verdict? other) => other is not null && Outcome == other.Outcome && Codes.SequenceEqual(other.Codes, StringComparer.Ordinal);

        public override int GetHashCode() => HashCode.Combine(Outcome, Codes.Count);
    }
}
