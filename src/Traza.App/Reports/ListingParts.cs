using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>The part rows a ledger listing (entries, exits) shows its UMC and UMT from.</summary>
internal static class ListingParts
{
    /// <summary>
    /// Every part of the client (all when null) for a whole listing; for one document (<c>--pedimento</c>) only the parts its
    /// rows name, read by key.
    /// </summary>
    public static Dictionary<(string, string), PartRecord> Of(ReportContext context, string? document, IEnumerable<(string Client, string Part)> named)
    {
        var parts = new Dictionary<(string, string), PartRecord>();
        var rows = document is null ? context.Store.LoadParts(context.Client) : context.Store.Scans.PartsAt([.. named.Distinct()]);
        foreach (var p in rows)
        {
            parts[(p.Client, p.Part)] = p;
        }

        return parts;
    }
}
