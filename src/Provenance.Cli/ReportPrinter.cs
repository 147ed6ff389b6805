using Provenance.Assertions;
using Provenance.Validation;

namespace Provenance.Cli;

/// <summary>Human-readable output of verify, inspect and tree.</summary>
internal static class ReportPrinter
{
    public static void PrintVerdict(ValidationReport report, string name, string anchors)
    {
        if (!report.HasManifest)
        {
            Console.WriteLine($"{name}: no C2PA manifest");
            return;
        }

        Console.WriteLine($"{name}: {report.State}");
        if (report.RemoteManifestUrl is { } remote)
        {
            Console.WriteLine($"  remote manifest: {remote} (not fetched: nothing about this file is proven)");
        }
        else
        {
            Console.WriteLine($"  active manifest: {report.ActiveManifest ?? "(unreadable)"}");
        }

        ManifestReport? active = report.Active;
        ContentSummary summary = report.Summary;
        if (active is not null)
        {
            Console.WriteLine($"  title:           {active.Title ?? "(none)"}");
            Console.WriteLine($"  signed by:       {summary.Signer ?? "(unknown)"}{(active.Signature?.Time is { } time ? $" at {time:u} (time-stamp)" : "")}");
            Console.WriteLine($"  claim generator: {string.Join(", ", active.ClaimGenerator.Select(g => g.Version is null ? g.Name : $"{g.Name} {g.Version}"))}");
            foreach (Validation.Identity.IdentityInfo identity in active.Identities)
            {
                Console.WriteLine($"  identity:        {DescribeIdentity(identity)}");
            }
        }

        if (active is not null)
        {
            Console.WriteLine($"  AI-generated:    {(summary.AiGenerated ? "yes" : "no")} — {summary.AiReason}");
        }

        if (summary.Authors.Count > 0)
        {
            Console.WriteLine($"  authors:         {string.Join(", ", summary.Authors)}");
        }

        if (summary.AiTraining is not null || summary.AiGenerativeTraining is not null || summary.DataMining is not null)
        {
            Console.WriteLine($"  AI training:     {Describe(summary.AiTraining)}; generative training: {Describe(summary.AiGenerativeTraining)}; data mining: {Describe(summary.DataMining)}");
        }

        Console.WriteLine($"  trust anchors:   {anchors}");
        foreach (ValidationStatus failure in report.ActiveManifestResults.Failure)
        {
            Console.WriteLine($"  FAILURE {failure.Code}: {failure.Explanation}");
        }

        foreach (IngredientDelta delta in report.IngredientDeltas)
        {
            foreach (ValidationStatus failure in delta.ValidationDeltas.Failure)
            {
                Console.WriteLine($"  ingredient {delta.IngredientAssertionUri}: {failure.Code}: {failure.Explanation}");
            }
        }
    }

    // A failed identity names nobody: its credential proves nothing.
    private static string DescribeIdentity(Validation.Identity.IdentityInfo identity) => identity.Status switch
    {
        Validation.Identity.IdentityStatus.Trusted or Validation.Identity.IdentityStatus.WellFormed =>
            $"{identity.CommonName ?? identity.Subject} ({identity.Organization ?? "no organization"})"
            + (identity.Roles.Count > 0 ? $" as {string.Join(", ", identity.Roles)}" : "")
            + (identity.Status == Validation.Identity.IdentityStatus.Trusted ? ", trusted" : ", not on the identity trust list"),
        Validation.Identity.IdentityStatus.Unsupported => $"{identity.SignatureType} (not verified by this version)",
        _ => $"{identity.Label} INVALID (see the cawg failures below)",
    };

    private static string Describe(TrainingMiningUse? use) => use switch
    {
        TrainingMiningUse.Allowed => "allowed",
        TrainingMiningUse.NotAllowed => "not allowed",
        TrainingMiningUse.Constrained => "constrained",
        _ => "not stated",
    };
}
