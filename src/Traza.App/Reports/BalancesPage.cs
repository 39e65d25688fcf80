using System.Text;
using System.Text.Json;
using Traza.App.Discharge;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// One page of <c>balances</c> by keyset (issue 16 item 6; docs/api.md): the <c>limit</c> rows that follow a cursor
/// in the report's order (entry date, pedimento, partida, part, client), equal to that slice of the full report, and the
/// cursor of the next page. Reads the entry rows in that order from the cursor on (<see cref="ILedgerScans.LotEntriesInOrder"/>,
/// migration 0035), and the rectified lots (SPEC §3.8: a rectification counts under its original's number and date, so
/// elsewhere in the order than its own row) apart; then <see cref="LotBalances"/> over those rows alone.
/// </summary>
public static class BalancesPage
{
    /// <summary>The most rows one page holds.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>
    /// The page after <paramref name="after"/> (the first page when null) under SPEC §6's as-of rule, as
    /// <see cref="ReportService.Run"/> runs the report; <c>Next</c> is null on the last page.
    /// </summary>
    public static (ReportRun Run, string? Next) Run(
        ITrazaStore store, DateOnly asOf, string? client, string? after, int limit, StoredRunCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cursor = after is null ? (BalanceKey?)null : Decode(after);
        var notice = DischargeCoverage.Ensure(store, asOf);
        var (page, next) = Read(store, asOf, client, cursor, limit, cache);
        return (new ReportRun(new ReportData(BalancesReport.Columns, page.Rows()), notice), next is { } k ? Encode(k) : null);
    }

    /// <summary>The page after <paramref name="after"/>, read from the stored run as it is (no as-of check), and the next cursor.</summary>
    public static (ReportData Data, string? Next) Page(
        ITrazaStore store, DateOnly asOf, string? client, string? after, int limit, StoredRunCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (page, next) = Read(store, asOf, client, after is null ? null : Decode(after), limit, cache);
        return (new ReportData(BalancesReport.Columns, page.Rows()), next is { } k ? Encode(k) : null);
    }

    private static (LotBalances Page, BalanceKey? Next) Read(
        ITrazaStore store, DateOnly asOf, string? client, BalanceKey? cursor, int limit, StoredRunCache? cache)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw AppException.Usage($"option --limit: a whole number from 1 to {MaxLimit}, found {limit}");
        }

        var rectifications = LedgerRectifications.Read(store, asOf);
        var rebased = new LotEntryTable();
        if (!rectifications.Entries.IsEmpty)
        {
            var numbers = rectifications.All.Select(r => r.Pedimento).ToHashSet(StringComparer.Ordinal);
            var read = store.Scans.LotEntriesOf(client, numbers, asOf);
            for (var r = 0; r < read.Count; r++)
            {
                if (IsRebased(rectifications, read, r))
                {
                    rebased.Append(read, r);
                }
            }
        }

        // Rows of the ordered read come in key order: every row up to the last key read is here, so the page is whole once its
        // (limit + 1)-th lot comes at or before that key — or the read reached the end.
        var rows = new LotEntryTable();
        var from = cursor is { } c ? new LotOrderStart(new LotOrderKey(c.Date, c.Pedimento, c.Partida), Inclusive: true) : (LotOrderStart?)null;
        // A page after a cursor reads from the cursor's key inclusive (its rows come again, and are skipped): room for a few of
        // them, so the first read is nearly always the whole page (reading twice doubled a page's CPU).
        var fetch = Math.Max(limit + 1 + (cursor is null ? 0 : 16), 64);
        while (true)
        {
            var chunk = store.Scans.LotEntriesInOrder(client, asOf, from, fetch);
            for (var r = 0; r < chunk.Count; r++)
            {
                if (rectifications.Entries.IsEmpty || !IsRebased(rectifications, chunk, r))
                {
                    rows.Append(chunk, r);
                }
            }

            var ended = chunk.Count < fetch;
            LotOrderKey? lastRead = chunk.Count == 0 ? null : chunk.OrderKey(chunk.Count - 1);
            var table = new LotEntryTable();
            for (var r = 0; r < rows.Count; r++)
            {
                table.Append(rows, r);
            }

            for (var r = 0; r < rebased.Count; r++)
            {
                table.Append(rebased, r);
            }

            var lots = LotBalances.Read(store, asOf, client, null, null, new LotSubset(table, rectifications, (_, _) => true), cache);
            var start = cursor is { } k ? lots.FirstAfter(k) : 0;
            var whole = ended || (start + limit < lots.Count && Before(lots.KeyOf(start + limit), lastRead!.Value));
            if (whole)
            {
                var more = start + limit < lots.Count;
                return (lots.Slice(start, limit), more ? lots.KeyOf(start + limit - 1) : null);
            }

            from = new LotOrderStart(lastRead!.Value, Inclusive: false);
            fetch = checked(fetch * 2);
        }
    }

    /// <summary>Whether a lot's (date, pedimento, partida) is at or before a key of the ordered read.</summary>
    private static bool Before(BalanceKey lot, LotOrderKey read)
    {
        var c = lot.Date.CompareTo(read.Date);
        c = c != 0 ? c : string.CompareOrdinal(lot.Pedimento, read.Pedimento);
        return (c != 0 ? c : lot.Partida.CompareTo(read.Partida)) <= 0;
    }

    private static bool IsRebased(LedgerRectifications rectifications, LotEntryTable table, int row) =>
        rectifications.Entries.RoleOf(table[row].Client, table.PedimentoText(row)) == Domain.Discharge.RectifiedRole.Rebased;

    /// <summary>The cursor of the page after a row: its sort key as a JSON array, base64url.</summary>
    public static string Encode(BalanceKey key)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            key.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), key.Pedimento,
            key.Partida.ToString(System.Globalization.CultureInfo.InvariantCulture), key.Part, key.Client,
        });
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A cursor of <see cref="Encode"/>; anything else is a usage error.</summary>
    public static BalanceKey Decode(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            var text = cursor.Trim().Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
            var parts = JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(text));
            if (parts is { Length: 5 } && parts.All(p => p is not null)
                && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var date)
                && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var partida))
            {
                return new BalanceKey(date, parts[1], partida, parts[3], parts[4]);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
        }

        throw AppException.Usage($"option --after: a cursor this API returned (Traza-Next-Cursor), found '{cursor}'");
    }
}
