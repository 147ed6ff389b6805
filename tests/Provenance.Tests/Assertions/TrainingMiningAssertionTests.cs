using Provenance.Assertions;
using Provenance.Cbor;

namespace Provenance.Tests.Assertions;

public class TrainingMiningAssertionTests
{
    [Fact]
    public void With_EachUse_RoundTripsThroughCborWithConstraintInfo()
    {
        TrainingMiningAssertion policy = TrainingMiningAssertion.Empty
            .With("ai_training", TrainingMiningUse.NotAllowed)
            .With("cawg.ai_generative_training", TrainingMiningUse.Constrained, "licence: https://example.org/ai — Лицензия")
            .With("c2pa.data_mining", TrainingMiningUse.Allowed)
            .With(TrainingMiningAssertion.AiInference, TrainingMiningUse.Constrained);

        TrainingMiningAssertion read = TrainingMiningAssertion.FromCbor(CborValue.Decode(policy.ToCbor().Encode()));

        // CAWG training-and-data-mining 1.1 keys, whatever form they were given in.
        Assert.Equal(
            new[] { TrainingMiningAssertion.AiTraining, TrainingMiningAssertion.AiGenerativeTraining, TrainingMiningAssertion.DataMining, TrainingMiningAssertion.AiInference }.Order(),
            read.Entries.Keys.Order());
        Assert.True(read.TryGetEntry("ai_generative_training", out TrainingMiningUse use, out string? info));
        Assert.Equal((TrainingMiningUse.Constrained, "licence: https://example.org/ai — Лицензия"), (use, info));
        Assert.True(read.TryGetEntry("ai_inference", out use, out info));
        Assert.Equal((TrainingMiningUse.Constrained, null), (use, info));
        Assert.True(read.TryGetEntry("data_mining", out use, out _));
        Assert.Equal(TrainingMiningUse.Allowed, use);
    }

    [Fact]
    public void FromCbor_C2pa1xForm_ReadByCawgKeys()
    {
        // C2PA 1.3 §17.10 (c2pa.training-mining): entries under "entries", keys prefixed c2pa.
        CborValue legacy = CborValue.FromJson(System.Text.Json.JsonDocument.Parse("""
            {"entries":{"c2pa.ai_training":{"use":"constrained","constraint_info":"ask first"},"c2pa.data_mining":{"use":"notAllowed"}}}
            """).RootElement);

        TrainingMiningAssertion read = TrainingMiningAssertion.FromCbor(legacy);

        Assert.True(read.TryGetEntry(TrainingMiningAssertion.AiTraining, out TrainingMiningUse use, out string? info));
        Assert.Equal((TrainingMiningUse.Constrained, "ask first"), (use, info));
        Assert.False(read.TryGetEntry("ai_inference", out _, out _));
    }

    [Fact]
    public void With_ConstraintInfoOnAllowed_Throws()
        => Assert.Throws<ArgumentException>(() => TrainingMiningAssertion.Empty.With("ai_training", TrainingMiningUse.Allowed, "terms"));

    [Theory]
    [InlineData("allowed", TrainingMiningUse.Allowed)]
    [InlineData("notAllowed", TrainingMiningUse.NotAllowed)]
    [InlineData("not-allowed", TrainingMiningUse.NotAllowed)]
    [InlineData("Constrained", TrainingMiningUse.Constrained)]
    public void TryParseUse_Spellings_Parsed(string text, TrainingMiningUse expected)
    {
        Assert.True(TrainingMiningAssertion.TryParseUse(text, out TrainingMiningUse use));
        Assert.Equal(expected, use);
    }
}
