using System.Buffers.Binary;
using Provenance.Cryptography;
using Provenance.Tests.Media;

namespace Provenance.Tests.Validation;

/// <summary>
/// With Merkle trees the flat BMFF hash keeps each mdat's first 16 bytes and the tree covers the rest: every byte of the
/// box is bound, whatever its header size (an 8-byte header leaves 8 bytes of media data in the flat hash).
/// </summary>
public class MerkleMdatHeadTests
{
    [Fact]
    public async Task Verify_MerkleSigned_EachOfTheMdatsFirstTwentyFourBytesChanged_Invalid()
    {
        byte[] input = File.ReadAllBytes(TestMedia.Mp4WithAudio());
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        await new ManifestBuilder().SignAsync(new MemoryStream(input), output, signer, new SigningOptions { MerkleBlockSize = 4096, Thumbnails = null });
        byte[] signed = output.ToArray();
        long mdat = FindTopLevel(signed, "mdat");
        Assert.True(mdat > 0);
        Assert.NotEqual(1u, BinaryPrimitives.ReadUInt32BigEndian(signed.AsSpan((int)mdat))); // an 8-byte header: the case in question

        for (int i = 8; i < 24; i++)
        {
            byte[] changed = [.. signed];
            changed[mdat + i] ^= 0x01;

            Provenance.Validation.ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(changed), new VerificationOptions { TrustAnchors = TestSigners.Anchors });

            Assert.True(report.State == Provenance.Validation.ValidationState.Invalid, $"mdat byte {i}: {report.State}");
            Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == Provenance.Validation.StatusCodes.AssertionBmffHashMismatch);
        }
    }

    private static long FindTopLevel(byte[] file, string type)
    {
        long offset = 0;
        while (offset + 8 <= file.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)offset));
            if (System.Text.Encoding.ASCII.GetString(file, (int)offset + 4, 4) == type)
            {
                return offset;
            }

            size = size == 1 ? (long)BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan((int)offset + 8)) : size;
            offset += size;
        }

        return -1;
    }
}
