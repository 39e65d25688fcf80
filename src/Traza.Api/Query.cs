using System.Text;
using Microsoft.AspNetCore.Http;
using Traza.App;

namespace Traza.Api;

/// <summary>
/// Query parameters under their CLI names: <c>as_of</c> or <c>as-of</c> for <c>--as-of</c>, <c>qty_tolerance</c> or
/// <c>qty-tolerance</c> for <c>--qty-tolerance</c>. An unknown or repeated parameter is a usage error (400), as an unknown
/// or repeated option is on the CLI.
/// </summary>
internal static class Query
{
    /// <summary>The known parameters by their option name (dashes), their values trimmed of nothing (the App trims).</summary>
    public static Dictionary<string, string?> Read(IQueryCollection query, IReadOnlyList<string> options, string what)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            byName[option] = option;
            byName[option.Replace('-', '_')] = option;
            byName[option.Replace('_', '-')] = option;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            if (!byName.TryGetValue(key, out var option))
            {
                throw AppException.Usage(
                    $"unknown query parameter '{key}'; {what} takes: {string.Join(", ", options.Select(o => o.Replace('-', '_')))}");
            }

            if (value.Count > 1 || values.ContainsKey(option))
            {
                throw AppException.Usage($"query parameter '{key}': given more than once");
            }

            values[option] = value.ToString();
        }

        return values;
    }

    /// <summary>A line safe for a response header: ASCII without control characters.</summary>
    public static string HeaderText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
