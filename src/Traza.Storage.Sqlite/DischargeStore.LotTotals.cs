using System.Globalization;

namespace Traza.Storage.Sqlite;

// DischargeStore: every stored lot's totals without the allocations, stepped through SQLite with the lot keys read
// in place — what lot reports at or after the run's date read (SPEC §8 balances).
public sealed partial class DischargeStore
{
    /// <summary>
    /// Every stored lot of every pool (of one client when given) with its totals, without the allocations: what lot reports
    /// as of the run's date or later read (SPEC §8 balances). Stepped through SQLite directly, the lot keys read in place (no
    /// string per lot); all heads first, then all tails, each in FIFO order, so a later lot of a pool comes after an earlier.
    /// </summary>
    public void ScanLotTotals(string? client, LotTotalsVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var stmt = new NativeStatement(connection,
            $"SELECT client, part, lot_keys, lot_state FROM discharge_pool WHERE {SqliteDatabase.ProgramSql} AND segment IN (0, 1) " +
            "AND (?1 IS NULL OR client = ?1) ORDER BY segment, client, part");
        stmt.BindTextOrNull(1, client);
        while (stmt.Step())
        {
            VisitSegment(stmt.ColumnText(0)!, stmt.ColumnText(1)!, stmt.ColumnBytes(2), stmt.ColumnBytes(3), visit);
        }
    }

    /// <summary>The stored lots of the given pools only (each pool's head, then its tail): a primary-key seek per pool.</summary>
    public void ScanLotTotalsOf(IReadOnlyCollection<(string Client, string Part)> pools, LotTotalsVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(visit);
        using var stmt = new NativeStatement(connection,
            $"SELECT client, part, lot_keys, lot_state FROM discharge_pool WHERE {SqliteDatabase.ProgramSql} AND client = ?1 AND part = ?2 " +
            "AND segment IN (0, 1) ORDER BY segment");
        foreach (var (client, part) in pools)
        {
            stmt.Reset();
            stmt.BindText(1, client);
            stmt.BindText(2, part);
            while (stmt.Step())
            {
                VisitSegment(stmt.ColumnText(0)!, stmt.ColumnText(1)!, stmt.ColumnBytes(2), stmt.ColumnBytes(3), visit);
            }
        }
    }

    /// <summary>
    /// One segment's lots: <c>pedimento TAB partida</c> lines (as <see cref="SplitKeys"/>) and their states
    /// (<see cref="LotStateCodec"/>).
    /// </summary>
    private static void VisitSegment(string client, string part, ReadOnlySpan<byte> keys, ReadOnlySpan<byte> state, LotTotalsVisitor visit)
    {
        var states = new LotStateCodec.Reader(state);
        var lot = 0;
        while (!keys.IsEmpty)
        {
            var end = keys.IndexOf((byte)'\n');
            var line = end < 0 ? keys : keys[..end];
            keys = end < 0 ? [] : keys[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (!states.Next(out var totals))
            {
                throw new InvalidDataException($"pool ({client}, {part}): more lot keys than lot states");
            }

            var tab = line.LastIndexOf((byte)'\t');
            visit(client, part, line[..tab], int.Parse(line[(tab + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture), totals);
            lot++;
        }

        if (states.Next(out _))
        {
            throw new InvalidDataException($"pool ({client}, {part}): more lot states than its {lot} lot keys");
        }
    }
}
