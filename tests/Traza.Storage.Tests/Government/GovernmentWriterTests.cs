using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Traza.Storage.Ledger;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests.Government;

/// <summary>Issue 4: government tables merge (re-imports and overlapping packages are idempotent) and stay out of the ledger chain.</summary>
public sealed class GovernmentWriterTests : IDisposable
{
    private static readonly GovernmentKey Key = new("250734205000257", "3420", "5000257", "070");
    private readonly string path = Path.Combine(Path.GetTempPath(), "traza-gov-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly SqliteConnection connection;

    public GovernmentWriterTests() =>
        connection = SqliteDatabase.Open(path, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    public void Dispose()
    {
        connection.Dispose();
        File.Delete(path);
    }

    [Fact]
    public void Migration_creates_all_26_data_stage_tables_none_in_the_ledger_chain()
    {
        var tables = Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\'");

        tables.ShouldBe(GovernmentSchema.Tables.Count + 2); // + ds_package, ds_header
        GovernmentSchema.Tables.Count.ShouldBe(25);
        LedgerChain.LedgerTables(connection, null).Select(t => t.Table)
            .ShouldNotContain(t => t.StartsWith("ds_", StringComparison.Ordinal) || t.StartsWith("m3_", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_content_row_twice_is_one_row()
    {
        Write(w =>
        {
            for (var i = 0; i < 2; i++)
            {
                w.DataStageRow("557", Key, 1, "abc", "1", 2, "raw|", [15L, 0L, 278m]);
            }

            w.DataStageRow("557", Key, 1, "def", "1", 3, "raw2|", [3L, 21L, 10m]);
        });

        Scalar<long>("SELECT COUNT(*) FROM ds_557").ShouldBe(2);
        Scalar<string>("SELECT importe FROM ds_557 WHERE clave_contribucion = 15").ShouldBe("278");
    }

    [Fact]
    public void Newer_package_replaces_501_older_never_does()
    {
        object?[] Typed(string clave, DateOnly executed) => ["import", clave, "ABC010101AB1", 18.5m, 1L, null, new DateOnly(2025, 1, 10), executed];

        Write(w => w.DataStageRow("501", Key, null, string.Empty, "1", 2, "a|", Typed("IN", new DateOnly(2025, 2, 1))));
        Write(w => w.DataStageRow("501", Key, null, string.Empty, "2", 2, "b|", Typed("A1", new DateOnly(2025, 3, 1))));
        Write(w => w.DataStageRow("501", Key, null, string.Empty, "0", 2, "c|", Typed("XX", new DateOnly(2025, 1, 1))));

        Scalar<long>("SELECT COUNT(*) FROM ds_501").ShouldBe(1);
        Scalar<string>("SELECT clave FROM ds_501").ShouldBe("A1");
        Scalar<string>("SELECT fecha_pago FROM ds_501").ShouldBe("2025-01-10");
        Scalar<string>("SELECT tipo_cambio FROM ds_501").ShouldBe("18.5");
    }

    [Fact]
    public void Files_seen_once_and_queries_sum_partidas()
    {
        Write(w =>
        {
            w.RecordFile("datastage", "sha1", "pkg.zip", "2026-01-01T00:00:00Z");
            w.RecordFile("datastage", "sha1", "pkg.zip", "2026-01-01T00:00:00Z");
            w.DataStageRow("501", Key, null, string.Empty, "1", 2, "a|",
                ["import", "IN", "ABC010101AB1", 18.5m, 1L, null, new DateOnly(2025, 1, 10), new DateOnly(2025, 2, 1)]);
            foreach (var (partida, usd) in new[] { (1, 1500.25m), (2, 200m) })
            {
                w.DataStageRow("551", Key, partida, string.Empty, "1", partida + 1, "p|",
                    ["85423901", "00", "CI", usd, 1m, 1m, "6", 1m, "6", "USA", "import", "IN", new DateOnly(2025, 1, 10), new DateOnly(2025, 2, 1)]);
            }

            w.FileSeen("datastage", "sha1").ShouldBeTrue();
            w.FileSeen("m3", "sha1").ShouldBeFalse();
        });

        var p = GovernmentQueries.DataStagePedimentos(connection, null).ShouldHaveSingleItem();
        p.Pedimento.ShouldBe("250734205000257");
        p.Date.ShouldBe(new DateOnly(2025, 1, 10));
        p.PartidaValuesUsd.ShouldBe(["1500.25", "200"]);
    }

    private void Write(Action<GovernmentWriter> action)
    {
        using var tx = connection.BeginTransaction();
        using (var w = new GovernmentWriter(connection, tx))
        {
            action(w);
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
