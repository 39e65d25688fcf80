using Traza.Formats.Reports;

namespace Traza.Api.Dashboard;

/// <summary>
/// The drill-down's links (docs/dashboard.md): a pedimento or exit document opens its pedimento page (partidas and exit
/// movements); a lot (a partida of an entry, a balances row, a custody row's entry) opens its custody page; an exit movement
/// opens the custody of that exit. Each link keeps the page's as-of date and client.
/// </summary>
internal static class DashboardLinks
{
    public static string Pedimento(string pedimento, DashboardViews.Inputs inputs) =>
        $"{DashboardSetup.BasePath}/pedimentos/{pedimento}{Keep(inputs)}";

    public static string Lot(string pedimento, string? partida, DashboardViews.Inputs inputs) =>
        $"{DashboardSetup.BasePath}/lots/{pedimento}{Keep(inputs, ("partida", partida))}";

    public static string Exit(string exit, DashboardViews.Inputs inputs) =>
        $"{DashboardSetup.BasePath}/exits/{exit}{Keep(inputs)}";

    /// <summary>The link of cell <paramref name="column"/> of <paramref name="row"/>, or null when it links nowhere.</summary>
    public static string? Cell(DashboardTable table, object?[] row, int column, DashboardViews.Inputs inputs)
    {
        var name = table.Columns[column].Name;
        var text = CellText.Format(row[column]);
        if (text.Length != 15)
        {
            return null;
        }

        return (table.Report, name) switch
        {
            (_, "pedimento" or "exit_document") => Pedimento(text, inputs),
            ("custody", "entry_pedimento") => Lot(text, Value(table, row, "entry_partida"), inputs),
            _ => null,
        };
    }

    /// <summary>The custody link a row gets in its last column: a lot's (entries, balances) or an exit's (exits).</summary>
    public static string? Custody(DashboardTable table, object?[] row, DashboardViews.Inputs inputs) => table.Report switch
    {
        "entries" or "balances" when Value(table, row, "pedimento") is { } p => Lot(p, Value(table, row, "partida"), inputs),
        "exits" when Value(table, row, "pedimento") is { } p => Exit(p, inputs),
        _ => null,
    };

    public static bool HasCustody(DashboardTable table) => table.Report is "entries" or "balances" or "exits";

    /// <summary>The as-of date and client of the page (and <paramref name="extra"/>), as a query string.</summary>
    public static string Keep(DashboardViews.Inputs inputs, params (string Name, string? Value)[] extra)
    {
        var parts = new List<string> { "as_of=" + inputs.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        if (inputs.Client is { } client)
        {
            parts.Add("client=" + Uri.EscapeDataString(client));
        }

        parts.AddRange(extra.Where(e => !string.IsNullOrEmpty(e.Value)).Select(e => e.Name + "=" + Uri.EscapeDataString(e.Value!)));
        return "?" + string.Join("&", parts);
    }

    private static string? Value(DashboardTable table, object?[] row, string column)
    {
        var at = table.Index(column);
        return at < 0 ? null : CellText.Format(row[at]) is { Length: > 0 } text ? text : null;
    }
}
