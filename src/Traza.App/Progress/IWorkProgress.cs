namespace Traza.App.Progress;

/// <summary>
/// Progress of long work (SPEC §5: "Long work shows progress on a terminal and stays quiet when redirected").
/// Use cases report stages and counts; the CLI decides whether and how to draw them.
/// </summary>
public interface IWorkProgress
{
    /// <summary>Starts a stage; <paramref name="total"/> is the expected count, or 0 when unknown.</summary>
    void Stage(string name, long total = 0);

    /// <summary>Reports <paramref name="done"/> units of the current stage done so far. Cheap enough to call per row.</summary>
    void Advance(long done);
}

/// <summary>The progress that reports nothing (tests, redirected output, library use).</summary>
public sealed class NoProgress : IWorkProgress
{
    public static readonly NoProgress Instance = new();

    private NoProgress()
    {
    }

    public void Stage(string name, long total = 0)
    {
    }

    public void Advance(long done)
    {
    }
}
