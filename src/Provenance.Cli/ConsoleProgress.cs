namespace Provenance.Cli;

/// <summary>A one-line progress bar on stderr, shown only on a terminal and only for inputs large enough to wait for.</summary>
internal sealed class ConsoleProgress : IProgress<long>, IDisposable
{
    private const long MinimumSize = 64L * 1024 * 1024;
    private readonly long _total;
    private readonly string _label;
    private int _lastPercent = -1;

    private ConsoleProgress(string label, long total)
    {
        _label = label;
        _total = total;
    }

    /// <summary>A progress bar for <paramref name="total"/> bytes, or null when none should be shown.</summary>
    public static ConsoleProgress? Create(string label, long total, bool quiet)
        => quiet || Console.IsErrorRedirected || total < MinimumSize ? null : new ConsoleProgress(label, total);

    public void Report(long value)
    {
        int percent = (int)Math.Clamp(value * 100 / Math.Max(1, _total), 0, 100);
        if (percent == _lastPercent)
        {
            return;
        }

        _lastPercent = percent;
        int filled = percent * 30 / 100;
        Console.Error.Write($"\r{_label} [{new string('#', filled)}{new string('.', 30 - filled)}] {percent,3}%");
    }

    public void Dispose()
    {
        if (_lastPercent >= 0)
        {
            Console.Error.WriteLine();
        }
    }
}
