using System.Security.Cryptography;
using Provenance.Formats;
using Provenance.Jumbf;

namespace Provenance.Fuzz;

/// <summary>
/// A fuzzing target that drives one format handler alone: everything the handler offers is run on the input (read the
/// store, plan and write an embedding and a removal, read and plan XMP, hash BMFF boxes), and an embedding that was
/// planned must read back as written.
/// </summary>
/// <remarks>
/// Inputs of another format are skipped, as the library never hands them to this handler (the format is detected
/// from content first). A broken round trip (a planned store that reads back elsewhere, differently or not at all) is a
/// finding: it throws <see cref="RoundTripException"/>, which is not a <see cref="ProvenanceException"/>.
/// </remarks>
/// <param name="Formats">The formats this handler serves (ID3: MP3 and FLAC).</param>
internal sealed record FormatTarget(params IAssetFormat[] Formats)
{
    /// <summary>An XMP packet the handlers are asked to write.</summary>
    private const string Packet = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta>";

    /// <summary>Whether <paramref name="format"/> is one of this target's formats.</summary>
    public bool Serves(IAssetFormat format) => Formats.Contains(format);

    /// <summary>Runs the handler on <paramref name="data"/>.</summary>
    public void Run(byte[] data)
    {
        if (AssetFormats.Detect(Input()) is not { } format || !Serves(format))
        {
            return;
        }

        IAssetHandler handler = format.CreateHandler();
        AssetReadOptions options = AssetReadOptions.Default;
        byte[]? found = Attempt(() => handler.ReadManifestStore(Input(), options)?.Store);
        Attempt(() => RoundTrip(handler, data, found ?? FakeStore(data.Length % 97)));
        Attempt(() => Write(data, handler.PlanRemoval(Input(), options), ReadOnlyMemory<byte>.Empty));

        if (handler is IXmpHandler xmp)
        {
            Attempt(() => xmp.ReadXmp(Input(), options, CancellationToken.None));
            Attempt(() => Write(data, xmp.PlanXmp(Input(), Packet, options, CancellationToken.None), ReadOnlyMemory<byte>.Empty));
        }

        if (handler is IBmffHashHandler bmff)
        {
            BmffExclusion[] exclusions = [new() { XPath = "/uuid" }, new() { XPath = "/ftyp" }, new() { XPath = "/moov[1]/pssh" }];
            Attempt(() => bmff.HashAsync(Input(), HashAlgorithmName.SHA256, exclusions, hashBoxOffsets: true, options, null, CancellationToken.None).GetAwaiter().GetResult());
            Attempt(() => bmff.ReadMediaData(Input(), keep: 4, options, CancellationToken.None));
            Attempt(() => bmff.ReadMerkleBoxes(Input(), options, CancellationToken.None).Count());
        }

        MemoryStream Input() => new(data, writable: false);
    }

    /// <summary>Embeds <paramref name="store"/> as planned, then reads it back: the same bytes where the plan put them.</summary>
    private static byte[] RoundTrip(IAssetHandler handler, byte[] data, byte[] store)
    {
        using var input = new MemoryStream(data, writable: false);
        EmbeddingPlan plan = handler.PlanEmbedding(input, store.Length, AssetReadOptions.Default);
        byte[] output = Write(data, plan, handler.EncodeStore(store));
        EmbeddedManifestStore? back;
        try
        {
            back = handler.ReadManifestStore(new MemoryStream(output, writable: false), AssetReadOptions.Default);
        }
        catch (ProvenanceException e)
        {
            throw new RoundTripException($"the embedded store is unreadable: {e.Message}", e);
        }

        if (back is null || !back.Store.AsSpan().SequenceEqual(store) || back.Range != plan.StoreRange)
        {
            throw new RoundTripException($"the store planned at {plan.StoreRange} reads back as {back?.Range.ToString() ?? "nothing"}");
        }

        return output;
    }

    private static byte[] Write(byte[] data, EmbeddingPlan plan, ReadOnlyMemory<byte> encodedStore)
    {
        using var input = new MemoryStream(data, writable: false);
        using var output = new MemoryStream();
        EmbeddingWriter.WriteAsync(input, output, plan, encodedStore).GetAwaiter().GetResult();
        if (output.Length != plan.OutputLength)
        {
            throw new RoundTripException($"the plan promised {plan.OutputLength} bytes and wrote {output.Length}");
        }

        return output.ToArray();
    }

    /// <summary>A manifest-store box of 38 + <paramref name="payload"/> bytes (a superbox with a <c>free</c> box).</summary>
    private static byte[] FakeStore(int payload)
        => new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Free, new byte[payload])]).Encode();

    /// <summary>Runs one step; malformed input ends the step (as documented), not the target.</summary>
    private static T? Attempt<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ProvenanceException)
        {
            return default;
        }
    }
}

/// <summary>A format handler's embedding does not read back as planned (a finding of a format target).</summary>
internal sealed class RoundTripException(string message, Exception? inner = null) : Exception(message, inner);
