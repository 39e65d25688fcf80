using System.Text;
using Npgsql;
using Traza.Storage.Ledger;

namespace Traza.Storage.Postgres;

/// <summary>
/// The hash chain of docs/architecture.md Decision 1 over PostgreSQL: the same digest bytes as SQLite's
/// <c>LedgerChain</c> — ledger tables (those with batch_id and line) in ordinal name order, <c>#table</c>, then each row's
/// columns in declaration order joined with U+001F, NULL as "", bigint as invariant digits — so one import gives
/// byte-identical digests and chain hashes on both stores.
/// </summary>
internal static class PostgresChain
{
    /// <summary>The ledger tables, by ordinal name, each with its columns in declaration order.</summary>
    public static IReadOnlyList<(string Table, IReadOnlyList<string> Columns)> LedgerTables(NpgsqlConnection connection)
    {
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using (var cmd = new NpgsqlCommand(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t " +
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' " +
            "WHERE c.table_schema = current_schema() ORDER BY c.table_name COLLATE \"C\", c.ordinal_position", connection))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var table = r.GetString(0);
                if (!columns.TryGetValue(table, out var list))
                {
                    columns[table] = list = [];
                }

                list.Add(r.GetString(1));
            }
        }

        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var (table, list) in columns.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (list.Contains("batch_id") && list.Contains("line") && !table.EndsWith(LedgerHashes.ReversedSuffix, StringComparison.Ordinal))
            {
                result.Add((table, list));
            }
        }

        return result;
    }

    /// <summary>Recomputes a batch's digest and row count from the stored rows (the reversed companions included).</summary>
    public static (string Digest, long Rows) ComputeDigest(
        NpgsqlConnection connection, ProgramId program, IReadOnlyList<(string Table, IReadOnlyList<string> Columns)> tables, long batchId)
    {
        var reversed = ReversedTables(connection);
        using var hash = new HashWriter();
        long rows = 0;
        foreach (var (table, columns) in tables)
        {
            // Every value as text (bigint as its digits, as SQLite's canonical form), then the native values that order the
            // rows: by line, and rows of one line by their columns in declaration order — the key first, as SQLite's
            // (batch_id, line) index returns them (docs/architecture.md Decision 1; the conformance ChainContract).
            var select = string.Join(", ", columns.Select(c => PgSql.Q(c) + "::text")) + ", line AS line_order"
                + string.Concat(columns.Select((c, i) => $", {PgSql.Q(c)} AS o{i}"));
            var order = " ORDER BY line_order" + string.Concat(columns.Select((_, i) => $", o{i}"));
            var sql = reversed.Contains(table + LedgerHashes.ReversedSuffix)
                ? $"SELECT {select} FROM {PgSql.Q(table)} WHERE program_id = {program} AND batch_id = $1 UNION ALL " +
                  $"SELECT {select} FROM {PgSql.Q(table + LedgerHashes.ReversedSuffix)} WHERE program_id = {program} AND batch_id = $1{order}"
                : $"SELECT {select} FROM {PgSql.Q(table)} WHERE program_id = {program} AND batch_id = $1{order}";
            using var cmd = new NpgsqlCommand(sql, connection).Int(batchId);
            using var r = cmd.ExecuteReader();
            var header = true;
            while (r.Read())
            {
                if (header)
                {
                    hash.Append(Encoding.UTF8.GetBytes("#" + table + "\n"));
                    header = false;
                }

                for (var i = 0; i < columns.Count; i++)
                {
                    if (i > 0)
                    {
                        hash.Append("\u001f"u8);
                    }

                    if (!r.IsDBNull(i))
                    {
                        hash.Append(Encoding.UTF8.GetBytes(r.GetString(i)));
                    }
                }

                hash.Append("\n"u8);
                rows++;
            }

        }

        return (hash.Finish(), rows);
    }

    /// <summary>Recomputes every batch's digest and walks the chain; the first batch that differs is the broken link.</summary>
    public static ChainCheck Verify(
        NpgsqlConnection connection, ProgramId program, IReadOnlyList<(string Table, IReadOnlyList<string> Columns)> tables,
        IReadOnlyList<BatchRecord> batches)
    {
        var prev = LedgerHashes.Genesis;
        var version = 1;
        foreach (var batch in batches)
        {
            if (batch.ChainVersion < version || batch.ChainVersion > LedgerHashes.CurrentVersion
                || (batch.ChainVersion >= LedgerHashes.CurrentVersion && string.IsNullOrEmpty(batch.Operator)))
            {
                return new ChainCheck(false, batch.Id, batch.Id, $"batch {batch.Id} ({batch.FileName}): chain version or operator differs");
            }

            version = batch.ChainVersion;
            if (!string.Equals(batch.PrevChainHash, prev, StringComparison.Ordinal))
            {
                return new ChainCheck(false, batch.Id, batch.Id, $"batch {batch.Id} ({batch.FileName}): previous link differs");
            }

            var (digest, rows) = ComputeDigest(connection, program, tables, batch.Id);
            if (!string.Equals(digest, batch.Digest, StringComparison.Ordinal) || rows != batch.Rows)
            {
                return new ChainCheck(false, batch.Id, batch.Id, $"batch {batch.Id} ({batch.FileName}): stored rows differ from their digest");
            }

            var chain = LedgerHashes.ChainHash(prev, batch);
            if (!string.Equals(chain, batch.ChainHash, StringComparison.Ordinal))
            {
                return new ChainCheck(false, batch.Id, batch.Id,
                    $"batch {batch.Id} ({batch.FileName}): chain hash differs (its file, operator or recorded time was changed)");
            }

            prev = chain;
        }

        return new ChainCheck(true, batches.Count, null, null);
    }

    private static HashSet<string> ReversedTables(NpgsqlConnection connection)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        using var cmd = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE '%\\_reversed'",
            connection);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            set.Add(r.GetString(0));
        }

        return set;
    }
}
