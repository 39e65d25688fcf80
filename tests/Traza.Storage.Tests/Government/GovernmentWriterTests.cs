using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests.Government;

/// <summary>Issue 4: government tables merge (re-imports and overlapping packages are idempotent) and stay out of the ledger chain.</summary>
public sealed class GovernmentWriterTests : IDisposable
{
    private static readonly DataStageKey Key = new(250734205000257, 34205000257070, -1);
    private readonly string path = Path.Combine(Path.GetTempPath(), "traza-gov-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteConnection connection;

    public GovernmentWriterTests() => connection = SqliteDatabase.Open(path, clock);

    public void Dispose()
    {
        connection.Dispose();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }
    }

    [Fact]
    public void Migration_creates_all_25_data_stage_views_over_blocks_none_in_the_ledger_chain()
    {
        var views = Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'view' AND name LIKE 'ds\\_%' ESCAPE '\\'");
        var tables = Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\'");

        views.ShouldBe(GovernmentSchema.Tables.Count);
        tables.ShouldBe(3); // ds_block, ds_package, ds_header
        GovernmentSchema.Tables.Count.ShouldBe(25);
        LedgerChain.LedgerTables(connection, null).Select(t => t.Table)
            .ShouldNotContain(t => t.StartsWith("ds_", StringComparison.Ordinal) || t.StartsWith("m3_", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_content_row_twice_is_one_row()
    {
        var partida = Key with { Partida = 1 };
        Write("557", "1", b =>
        {
            for (var i = 0; i < 2; i++)
            {
                Row(b, 2, partida, 0xabc, null, "3420|5000257|070|1|15|0|278|", 15L, 0L, 278m);
            }

            Row(b, 3, partida, 0xdef, null, "3420|5000257|070|1|3|21|10.50|", 3L, 21L, 10.5m);
        });
        Write("557", "2", b => Row(b, 2, partida, 0xabc, null, "3420|5000257|070|1|15|0|278|", 15L, 0L, 278m));

        Scalar<long>("SELECT COUNT(*) FROM ds_557").ShouldBe(2);
        Scalar<string>("SELECT importe FROM ds_557 WHERE clave_contribucion = 15").ShouldBe("278");
        Scalar<string>("SELECT importe FROM ds_557 WHERE clave_contribucion = 3").ShouldBe("10.5");
        Scalar<string>("SELECT row_hash FROM ds_557 WHERE clave_contribucion = 3").ShouldBe("0000000000000def");
        Scalar<long>("SELECT partida FROM ds_557 WHERE clave_contribucion = 3").ShouldBe(1);
        Scalar<string>("SELECT patente || '/' || pedimento7 || '/' || seccion || '/' || pedimento FROM ds_557 WHERE clave_contribucion = 3")
            .ShouldBe("3420/5000257/070/250734205000257");
    }

    [Fact]
    public void Newer_package_replaces_501_older_never_does()
    {
        Write("501", "1", b => Row501(b, 0x1, "IN", new DateOnly(2025, 2, 1)));
        Write("501", "2", b => Row501(b, 0x2, "A1", new DateOnly(2025, 3, 1)));
        Write("501", "0", b => Row501(b, 0x3, "XX", new DateOnly(2025, 1, 1)));
        Write("501", "3", b => Row501(b, 0x2, "A1", new DateOnly(2025, 4, 1))); // the same content again: nothing changes

        Scalar<long>("SELECT COUNT(*) FROM ds_501").ShouldBe(1);
        Scalar<string>("SELECT clave FROM ds_501").ShouldBe("A1");
        Scalar<string>("SELECT folio FROM ds_501").ShouldBe("2");
        Scalar<string>("SELECT executed FROM ds_501").ShouldBe("2025-03-01");
        Scalar<string>("SELECT fecha_pago FROM ds_501").ShouldBe("2025-01-10");
        Scalar<string>("SELECT tipo_cambio FROM ds_501").ShouldBe("18.5");
        Scalar<long>("SELECT COUNT(*) FROM ds_block WHERE tabla = '501' AND dead IS NOT NULL").ShouldBe(1);
    }

    [Fact]
    public void Typed_value_that_is_a_raw_column_is_read_from_the_raw_line_trimmed()
    {
        Write("558", "1", b =>
        {
            b.BeginRow(2, Key with { Partida = 1 }, 0x1, null);
            b.Int(1);
            b.Field(5);
            b.EndRow("3420|5000257|070|85423901|1| PN-0001 |");
            b.BeginRow(3, Key with { Partida = 2 }, 0x2, null);
            b.Int(1);
            b.Field(5);
            b.EndRow("3420|5000257|070|85423901|2|   |");
        });

        Scalar<string>("SELECT observacion FROM ds_558 WHERE partida = 1").ShouldBe("PN-0001");
        Scalar<long>("SELECT COUNT(*) FROM ds_558 WHERE partida = 2 AND observacion IS NULL").ShouldBe(1);
        Scalar<string>("SELECT raw FROM ds_558 WHERE partida = 1").ShouldBe("3420|5000257|070|85423901|1| PN-0001 |");
        Scalar<long>("SELECT src_line FROM ds_558 WHERE partida = 2").ShouldBe(3);
    }

    [Fact]
    public void Files_seen_once_and_queries_sum_partidas()
    {
        using (var tx = connection.BeginTransaction())
        {
            using var w = new GovernmentWriter(connection, tx);
            w.RecordFile("datastage", "sha1", "pkg.zip", "2026-01-01T00:00:00Z");
            w.RecordFile("datastage", "sha1", "pkg.zip", "2026-01-01T00:00:00Z");
            w.FileSeen("datastage", "sha1").ShouldBeTrue();
            w.FileSeen("m3", "sha1").ShouldBeFalse();
            tx.Commit();
        }

        Write("501", "1", b => Row501(b, 0x1, "IN", new DateOnly(2025, 2, 1)));
        Write("551", "1", b =>
        {
            foreach (var (partida, usd) in new[] { (1, 1500.25m), (2, 200m) })
            {
                b.BeginRow(partida + 1, Key with { Partida = partida }, (ulong)partida, new DateOnly(2025, 2, 1));
                b.Text("85423901");
                b.Text("00");
                b.Text("CI");
                b.Decimal(usd);
                b.Decimal(1m);
                b.Decimal(1.000m);
                b.Text("6");
                b.Decimal(1m);
                b.Text("6");
                b.Text("USA");
                b.Text("import");
                b.Text("IN");
                b.Date(new DateOnly(2025, 1, 10));
                b.EndRow("p|");
            }
        });

        var p = GovernmentQueries.DataStagePedimentos(connection, null).ShouldHaveSingleItem();
        p.Pedimento.ShouldBe("250734205000257");
        p.Date.ShouldBe(new DateOnly(2025, 1, 10));
        p.PartidaValuesUsd.ShouldBe(["1500.25", "200"]);
    }

    [Fact]
    public void Rows_stored_by_the_0002_schema_are_carried_into_blocks_on_open()
    {
        // A database created by the old schema (migrations before 0020) holding rows of every kind.
        connection.Dispose();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }

        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            Execute(old, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            foreach (var m in SqliteMigrator.Embedded.Where(m => m.Version < 20))
            {
                Execute(old, m.Sql);
                Execute(old, $"INSERT INTO schema_version VALUES ({m.Version.ToString(CultureInfo.InvariantCulture)}, '{m.Name}', '2026-01-01')");
            }

            Execute(old, """
                INSERT INTO ds_501 (program_id, pedimento, patente, pedimento7, seccion, folio, src_line, operation, clave, rfc, tipo_cambio,
                    tipo_pedimento, fecha_recepcion, fecha_pago, executed, raw)
                VALUES (1, '250734205000257', '3420', '5000257', '070', '896998', 2, 'import', 'IN', 'ABC010101AB1', '18.5', 1, NULL,
                    '2025-01-10', '2025-02-03', '3420|5000257|070|raw501|');
                INSERT INTO ds_551 (program_id, pedimento, patente, pedimento7, seccion, partida, folio, src_line, fraccion, nico, descripcion,
                    value_usd, customs_value_mxn, qty_umc, umc, qty_umt, umt, origin, operation, clave, fecha_pago, executed, raw)
                VALUES (1, '250734205000257', '3420', '5000257', '070', 1, '896998', 2, '85423901', '00', 'CI', '1500.25', '27760', '1000', '6',
                    '1000', '6', 'USA', 'import', 'IN', '2025-01-10', '2025-02-03', '3420|5000257|070|85423901|1|raw551|');
                INSERT INTO ds_557 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash, folio, src_line, clave_contribucion,
                    forma_pago, importe, raw)
                VALUES (1, '250734205000257', '3420', '5000257', '070', 1, '00000000000000ab', '896998', 2, 15, 0, '278', 'raw557a|'),
                       (1, '250734205000257', '3420', '5000257', '070', 1, '00000000000000cd', '896998', 3, 3, 21, '10', 'raw557b|');
                INSERT INTO ds_502 (program_id, pedimento, patente, pedimento7, seccion, row_hash, folio, src_line, raw)
                VALUES (1, '', '3420', '5000999', '070', '0000000000000001', '896998', 2, 'raw502|');
                """);
        }

        connection = SqliteDatabase.Open(path, clock);

        Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'ds\\_%\\_v1' ESCAPE '\\'").ShouldBe(0);
        Scalar<string>("SELECT clave || ' ' || fecha_pago || ' ' || executed || ' ' || tipo_pedimento || ' ' || raw FROM ds_501")
            .ShouldBe("IN 2025-01-10 2025-02-03 1 3420|5000257|070|raw501|");
        Scalar<string>("SELECT value_usd || ' ' || partida || ' ' || src_line || ' ' || folio FROM ds_551").ShouldBe("1500.25 1 2 896998");
        Scalar<long>("SELECT COUNT(*) FROM ds_557").ShouldBe(2);
        Scalar<string>("SELECT importe FROM ds_557 WHERE row_hash = '00000000000000cd'").ShouldBe("10");
        Scalar<string>("SELECT seccion || pedimento || '.' || raw FROM ds_502").ShouldBe("070.raw502|");
        GovernmentQueries.DataStagePedimentos(connection, null).ShouldHaveSingleItem().PartidaValuesUsd.ShouldBe(["1500.25"]);

        // The carried rows merge with later packages like any stored row.
        Write("557", "900001", b => Row(b, 7, new DataStageKey(250734205000257, 34205000257070, 1), 0xcd, null, "raw557b|", 3L, 21L, 10m));
        Scalar<long>("SELECT COUNT(*) FROM ds_557").ShouldBe(2);
    }

    private static void Row(DataStageBlock b, long line, DataStageKey key, ulong hash, DateOnly? executed, string raw, params object[] typed)
    {
        b.BeginRow(line, key, hash, executed);
        foreach (var v in typed)
        {
            switch (v)
            {
                case long l:
                    b.Int(l);
                    break;
                case decimal d:
                    b.Decimal(d);
                    break;
                default:
                    b.Text((string)v);
                    break;
            }
        }

        b.EndRow(raw);
    }

    private static void Row501(DataStageBlock b, ulong hash, string clave, DateOnly executed)
    {
        b.BeginRow(2, Key, hash, executed);
        b.Text("import");
        b.Text(clave);
        b.Text("ABC010101AB1");
        b.Decimal(18.50m);
        b.Int(1);
        b.Null();
        b.Date(new DateOnly(2025, 1, 10));
        b.EndRow(clave + "|");
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private void Write(string table, string folio, Action<DataStageBlock> rows)
    {
        using var tx = connection.BeginTransaction();
        using (var store = new DataStageBlockStore(connection, tx))
        {
            var block = new DataStageBlock(table, folio);
            rows(block);
            store.Write(block);
            store.Complete();
        }

        tx.Commit();
    }

    private T Scalar<T>(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return (T)cmd.ExecuteScalar()!;
    }
}
