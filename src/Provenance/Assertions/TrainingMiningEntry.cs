namespace Provenance.Assertions;

/// <summary>One entry of a training-and-data-mining assertion: how a use is permitted (CAWG training-and-data-mining 1.1).</summary>
/// <param name="Use">Allowed, not allowed, or constrained.</param>
/// <param name="ConstraintInfo">The terms of a constrained use (<c>constraint_info</c>), or null.</param>
public readonly record struct TrainingMiningEntry(TrainingMiningUse Use, string? ConstraintInfo);
