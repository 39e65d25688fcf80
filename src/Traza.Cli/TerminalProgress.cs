using System.Globalization;
using Traza.App.Progress;

namespace Traza.Cli;

/// <summary>
/// A one-line progress bar on standard error, redrawn at most ten times a second; silent unless standard error
/// is a terminal (SPEC §5). Finishes its line when disposed so the command's own output starts clean.
/// </summary>
internal sealed class TerminalProgress : IWorkProgress, IDisposable
{
    private const int Width = 30;
    private readonly TextWriter writer;
    private readonly TimeProvider clock;
    private string stage = string.Empty;
    private long total;
    private long lastDraw;
    private bool drawn;

    private TerminalProgress(TextWriter writer, TimeProvider clock)
    {
        this.writer = writer;
        this.clock = clock;
    }

    /// <summary>A bar on the context's stderr when that is a terminal; otherwise no progress.</summary>
    public static IWorkProgress For(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.StderrIsTerminal ? new TerminalProgress(context.Stderr, context.Clock) : NoProgress.Instance;
    }

    public void Stage(string name, long total = 0)
    {
        stage = name;
        this.total = total;
        lastDraw = 0;
        Draw(0, force: true);
    }

    public void Advance(long done)
    {
        var now = clock.GetTimestamp();
        if (lastDraw != 0 && clock.GetElapsedTime(lastDraw, now) < TimeSpan.FromMilliseconds(100))
        {
            return;
        }

        Draw(done, force: false);
    }

    public void Dispose()
    {
        if (drawn)
        {
            writer.Write("\r\u001b[2K");
            writer.Flush();
        }
    }

    private void Draw(long done, bool force)
    {
        _ = force;
        lastDraw = clock.GetTimestamp();
        string line;
        if (total > 0)
        {
            var fraction = Math.Clamp((double)done / total, 0, 1);
            var filled = (int)(fraction * Width);
            line = string.Create(CultureInfo.InvariantCulture,
                $"{stage,-12} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,5:0.0}% {done:N0}/{total:N0}");
        }
        else
        {
            line = done > 0 ? string.Create(CultureInfo.InvariantCulture, $"{stage,-12} {done:N0}") : stage + " ...";
        }

        writer.Write("\r\u001b[2K" + line);
        writer.Flush();
        drawn = true;
    }
}
