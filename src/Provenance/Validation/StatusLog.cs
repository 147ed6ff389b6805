namespace Provenance.Validation;

/// <summary>The success, informational and failure entries for one manifest (<c>status-codes-map</c>, C2PA 2.2 §15.2.1).</summary>
public sealed class StatusLog
{
    private readonly List<ValidationStatus> _success = [];
    private readonly List<ValidationStatus> _informational = [];
    private readonly List<ValidationStatus> _failure = [];

    /// <summary>Checks that passed.</summary>
    public IReadOnlyList<ValidationStatus> Success => _success;

    /// <summary>Findings that do not change the verdict.</summary>
    public IReadOnlyList<ValidationStatus> Informational => _informational;

    /// <summary>Failed checks; any makes the manifest invalid.</summary>
    public IReadOnlyList<ValidationStatus> Failure => _failure;

    /// <summary>Whether a code appears in any list.</summary>
    public bool Contains(string code)
        => _success.Any(s => s.Code == code) || _informational.Any(s => s.Code == code) || _failure.Any(s => s.Code == code);

    /// <summary>Whether any list holds a status.</summary>
    public bool IsEmpty => _success.Count == 0 && _informational.Count == 0 && _failure.Count == 0;

    internal void RemoveWhere(Func<ValidationStatus, StatusKind, bool> predicate)
    {
        _success.RemoveAll(s => predicate(s, StatusKind.Success));
        _informational.RemoveAll(s => predicate(s, StatusKind.Informational));
        _failure.RemoveAll(s => predicate(s, StatusKind.Failure));
    }

    internal void AddSuccess(string code, string? url = null, string? explanation = null) => _success.Add(new(code, url, explanation));

    internal void AddInformational(string code, string? url = null, string? explanation = null) => _informational.Add(new(code, url, explanation));

    internal void AddFailure(string code, string? url = null, string? explanation = null) => _failure.Add(new(code, url, explanation));
}
