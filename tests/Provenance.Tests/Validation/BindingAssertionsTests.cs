using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Formats.Bmff;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>A hard binding that cannot be read is a verdict with the binding's own malformed code, never a crash.</summary>
public class BindingAssertionsTests
{
    [Fact]
    public void TryRead_DataHashWithNegativeStart_LoggedAsDataHashMalformed()
    {
        var content = new CborMap
        {
            { "exclusions", new CborArray([new CborMap { { "start", -100L }, { "length", 100L } }]) },
            { "hash", new CborByteString(new byte[32]) },
        };
        var log = new StatusLog();

        bool read = BindingAssertions.TryRead(AssertionBoxes.Cbor(C2paLabels.DataHash, content), StatusCodes.AssertionDataHashMalformed, log, "self#jumbf=c2pa.assertions/c2pa.hash.data", out DataHashAssertion? assertion);

        Assert.False(read);
        Assert.Null(assertion);
        Assert.Equal(StatusCodes.AssertionDataHashMalformed, Assert.Single(log.Failure).Code);
    }

    [Fact]
    public void TryRead_BmffHashWithSubsetPast2To63_LoggedAsBmffHashMalformed()
    {
        var subset = new CborMap { { "offset", new CborInteger(ulong.MaxValue) }, { "length", 0L } };
        var content = new CborMap
        {
            { "exclusions", new CborArray([new CborMap { { "xpath", "/mdat" }, { "subset", new CborArray([subset]) } }]) },
            { "hash", new CborByteString(new byte[32]) },
        };
        var log = new StatusLog();

        bool read = BindingAssertions.TryRead(AssertionBoxes.Cbor(C2paLabels.BmffHashV3, content), StatusCodes.AssertionBmffHashMalformed, log, "url", out BmffHashAssertion? _);

        Assert.False(read);
        Assert.Equal(StatusCodes.AssertionBmffHashMalformed, Assert.Single(log.Failure).Code);
    }

    [Fact]
    public void TryRead_NoCborContentBox_LoggedAsMalformed()
    {
        var log = new StatusLog();

        bool read = BindingAssertions.TryRead(AssertionBoxes.Json(C2paLabels.DataHash, "{}"), StatusCodes.AssertionDataHashMalformed, log, "url", out DataHashAssertion? _);

        Assert.False(read);
        Assert.Contains(C2paLabels.DataHash, Assert.Single(log.Failure).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void CodecContract_EachCborAssertion_RoundTripsUnderItsLabel()
    {
        RoundTrip(new DataHashAssertion([new ExclusionRange(10, 20)], "sha256", new byte[32]), C2paLabels.DataHash, d => d.Exclusions.Single());
        RoundTrip(new BmffHashAssertion(BmffExclusions.Default, "sha384", new byte[48]), C2paLabels.BmffHashV3, b => b.Exclusions.Count);
        RoundTrip(new ActionsAssertion([new C2paAction(C2paActions.Created)]), C2paLabels.ActionsV2, a => a.Actions.Single().Action);
        RoundTrip(TrainingMiningAssertion.NotAllowedForAi(), C2paLabels.CawgTrainingMining, t => t.Entries.Count);
    }

    [Fact]
    public void CodecContract_EachJsonAssertion_RoundTripsUnderItsLabel()
    {
        RoundTripJson(new CreativeWorkAssertion([new CreditedAuthor("Ada", "https://example.org/ada", "author")]), C2paLabels.CreativeWork, c => c.Authors.Single());
        RoundTripJson(new CawgMetadataAssertion(["Ada"], "Ada", "https://example.org/licence"), C2paLabels.CawgMetadata, m => (m.Creators.Single(), m.WebStatement));
    }

    private static void RoundTrip<T, TKey>(T assertion, string label, Func<T, TKey> key)
        where T : ICborAssertion<T>
    {
        JumbfSuperBox box = AssertionBoxes.Cbor(T.Label, assertion.ToCbor());
        T read = AssertionCodec.Read<T>(box);

        Assert.Equal(label, T.Label);
        Assert.Equal(key(assertion), key(read));
    }

    private static void RoundTripJson<T, TKey>(T assertion, string label, Func<T, TKey> key)
        where T : IJsonAssertion<T>
    {
        JumbfSuperBox box = AssertionBoxes.Json(T.Label, assertion.ToJson());
        T read = AssertionCodec.ReadJson<T>(box);

        Assert.Equal(label, T.Label);
        Assert.Equal(key(assertion), key(read));
    }
}
