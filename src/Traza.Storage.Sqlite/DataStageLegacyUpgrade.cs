using System.Globalization;
using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Carries the Data Stage rows a database stored under migration 0002 (one SQLite row per .asc row) into the blocks of
/// migration 0020: government data is source data, so nothing is dropped before it is moved. 0020 renames the old
/// tables to <c>ds_*_v1</c>; this step, run on open right after the migrations, encodes their rows (typed values as
/// stored, raw, folio and line kept) into <c>ds_block</c> and drops them, in one transaction.
/// </summary>
public static class DataStageLegacyUpgrade
{
    /// <summary>Moves any <c>ds_*_v1</c> rows into blocks; returns the rows moved (0 when there is nothing to do).</summary>
    public static long Run(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%\\_v1' ESCAPE '\\'";
            if ((long)probe.ExecuteScalar()! == 0)
            {
                return 0;
            }
        }

        using var tx = connection.BeginTransaction(deferred: false);
        long moved = 0;
        using (var store = new DataStageBlockStore(connection, tx))
        {
            foreach (var spec in GovernmentSchema.Tables.Values)
            {
                moved += Move(connection, tx, store, spec);
            }

            store.Complete();
        }

        tx.Commit();
        return moved;
    }

    private static long Move(SqliteConnection connection, SqliteTransaction tx, DataStageBlockStore store, GovernmentSchema.DsTable spec)
    {
        var legacy = spec.SqlTable + "_v1";
        using (var exists = connection.CreateCommand())
        {
            exists.Transaction = tx;
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $n";
            exists.Parameters.AddWithValue("$n", legacy);
            if ((long)exists.ExecuteScalar()! == 0)
            {
                return 0;
            }
        }

        long moved = 0;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            var typed = string.Concat(spec.Typed.Select(t => ", " + t));
            read.CommandText = $"""
                SELECT folio, src_line, pedimento, patente, pedimento7, seccion, {(spec.HasPartida ? "partida" : "NULL")},
                    {(spec.NaturalKey ? "NULL" : "row_hash")}, raw{typed}
                FROM {legacy} WHERE {SqliteDatabase.ProgramSql} ORDER BY folio, src_line
                """;
            using var r = read.ExecuteReader();
            DataStageBlock? block = null;
            while (r.Read())
            {
                var folio = r.GetString(0);
                if (block is null || !string.Equals(block.Folio, folio, StringComparison.Ordinal) || block.Bytes >= DataStageBlock.TargetBytes)
                {
                    if (block is not null)
                    {
                        store.Write(block);
                    }

                    block = new DataStageBlock(spec.Name, folio);
                }

                var pedimento = r.GetString(2);
                var key = new DataStageKey(
                    pedimento.Length == 0 ? -1 : long.Parse(pedimento, CultureInfo.InvariantCulture),
                    long.Parse(r.GetString(3) + r.GetString(4) + r.GetString(5), CultureInfo.InvariantCulture),
                    r.IsDBNull(6) ? -1 : r.GetInt32(6));
                var hash = r.IsDBNull(7) ? 0UL : ulong.Parse(r.GetString(7), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var first = 9;
                DateOnly? executed = spec.NaturalKey && !r.IsDBNull(first + spec.Typed.Count - 1)
                    ? CanonicalText.ParseDate(r.GetString(first + spec.Typed.Count - 1))
                    : null;
                block.BeginRow(r.GetInt64(1), key, hash, executed);
                for (var i = 0; i < block.TypedStored; i++)
                {
                    var value = r.GetValue(first + i);
                    switch (value)
                    {
                        case long l:
                            block.Int(l);
                            break;
                        case string s:
                            block.Text(s);
                            break;
                        default:
                            block.Null();
                            break;
                    }
                }

                block.EndRow(r.GetString(8));
                moved++;
            }

            if (block is not null)
            {
                store.Write(block);
            }
        }

        using var drop = connection.CreateCommand();
        drop.Transaction = tx;
        drop.CommandText = $"DROP TABLE {legacy}";
        drop.ExecuteNonQuery();
        return moved;
    }
}
