namespace Traza.Cli.Tests;

/// <summary>
/// The options a report cannot run without, for the tests that run every report of the catalog: <c>dossier</c> needs a
/// pedimento or a period (docs/cli.md), given here as every date a §4.1 movement may carry.
/// </summary>
public static class ReportArgs
{
    private static readonly Dictionary<string, (string Name, string Value)[]> Needed = new(StringComparer.Ordinal)
    {
        ["dossier"] = [("from", "2000-01-01"), ("to", "2099-12-31")],
    };

    /// <summary>The CLI arguments, e.g. <c>--from 2000-01-01 --to 2099-12-31</c>.</summary>
    public static string[] Required(string report) =>
        [.. Needed.GetValueOrDefault(report, []).SelectMany(o => new[] { "--" + o.Name, o.Value })];

    /// <summary>The same as report options (a <c>ReportContext</c>'s).</summary>
    public static Dictionary<string, string?> Options(string report) =>
        Needed.GetValueOrDefault(report, []).ToDictionary(o => o.Name, string? (o) => o.Value, StringComparer.Ordinal);

    /// <summary>The same as API query parameters, each led by '&amp;'.</summary>
    public static string Query(string report) => string.Concat(Needed.GetValueOrDefault(report, []).Select(o => $"&{o.Name}={o.Value}"));
}
