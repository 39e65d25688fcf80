namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// Government data (SPEC §3.10, §4.2): files seen once, Data Stage rows merged by natural key (a later package replaces a
/// 501 or 551 row, an earlier never does), M3 rows merged by key or content, read back as the pedimentos a source declared —
/// all inside a batch's transaction and outside the ledger chain.
/// </summary>
public abstract class GovernmentContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private static readonly DataStageKey Key = new(250734205000257, 34205000257070, -1);

    private static void Row501(DataStageBlock b, string clave, DateOnly executed)
    {
        b.BeginRow(2, Key, ((ulong)clave[0] * 1_000) + (ulong)executed.Month, executed);
        b.Text("import");
        b.Text(clave);
        b.Text("ABC010101AB1");
        b.Decimal(18.50m);
        b.Int(1);
        b.Null();
        b.Date(new DateOnly(2025, 1, 10));
        b.EndRow("3420|5000257|070|" + clave + "|");
    }

    private static void Row551(DataStageBlock b, int partida, decimal usd, DateOnly executed)
    {
        b.BeginRow(partida + 1, Key with { Partida = partida }, ((ulong)partida * 1_000_000) + (ulong)(usd * 100), executed);
        b.Text("85423901");
        b.Text("00");
        b.Text("CI, \"x\"");
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

    private static void Write(ILedgerBatch batch, string folio, string table, Action<DataStageBlock> rows)
    {
        using var blocks = batch.DataStageBlocks();
        var block = new DataStageBlock(table, folio);
        rows(block);
        blocks.Write(block);
        blocks.Complete();
    }

    [Fact]
    public void Data_stage_pedimentos_read_back_with_their_partidas_and_a_later_package_wins()
    {
        using var store = Open();
        var jan = new DateOnly(2025, 2, 1);
        _ = Commit(store, "datastage", "1", batch =>
        {
            Write(batch, "1", "501", b => Row501(b, "IN", jan));
            Write(batch, "1", "551", b =>
            {
                Row551(b, 1, 1500.25m, jan);
                Row551(b, 2, 200m, jan);
            });
        });
        var p = store.Government.DataStagePedimentos().ShouldHaveSingleItem();
        (p.Pedimento, p.Clave, p.Date).ShouldBe(("250734205000257", "IN", new DateOnly(2025, 1, 10)));
        p.PartidaValuesUsd.ShouldBe(["1500.25", "200"]);

        _ = Commit(store, "datastage", "2", batch =>
        {
            Write(batch, "2", "501", b => Row501(b, "A1", jan.AddMonths(1)));
            Write(batch, "2", "551", b => Row551(b, 2, 250.5m, jan.AddMonths(1)));
        });
        _ = Commit(store, "datastage", "0", batch => Write(batch, "0", "501", b => Row501(b, "XX", jan.AddMonths(-1))));

        p = store.Government.DataStagePedimentos().ShouldHaveSingleItem();
        p.Clave.ShouldBe("A1");
        p.PartidaValuesUsd.ShouldBe(["1500.25", "250.5"]);
        store.VerifyChain().Intact.ShouldBeTrue("government rows are outside the ledger chain");
        store.Batches().Select(b => b.Rows).ShouldBe([0L, 0L, 0L]);
    }

    [Fact]
    public void Files_are_seen_once_per_kind()
    {
        using var store = Open();
        _ = Commit(store, "datastage", "pkg.zip", batch =>
        {
            using var government = batch.Government();
            government.FileSeen("datastage", "sha1").ShouldBeFalse();
            government.RecordFile("datastage", "sha1", "pkg.zip", "2025-12-31T12:00:00Z");
            government.RecordFile("datastage", "sha1", "pkg.zip", "2025-12-31T12:00:00Z");
            government.Package("900001", "ABC010101AB1", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 1), 2, 3,
                "pkg.zip", "raw|");
            government.Header("900001", "501", "Patente|Pedimento|", 1);
        });
        using var batch = store.BeginBatch("m3", "m3.txt", "sha-m3");
        using var writer = batch.Government();
        writer.FileSeen("datastage", "sha1").ShouldBeTrue();
        writer.FileSeen("m3", "sha1").ShouldBeFalse();
    }

    [Fact]
    public void M3_pedimentos_merge_by_key_and_read_back_with_their_partidas()
    {
        using var store = Open();
        var key = new GovernmentKey("250734205000257", "3420", "5000257", "070");
        for (var file = 1; file <= 2; file++)
        {
            var name = $"m{file}.txt";
            _ = Commit(store, "m3", name, batch =>
            {
                using var government = batch.Government();
                government.M3Pedimento(key, "1", "import", "IN", "ABC010101AB1", new DateOnly(2025, 1, 10), name, 2);
                government.M3Partida(key, 1, "85423901", "00", file == 1 ? 100m : 150.75m, 1m, "6", 1m, "6", "USA", "551|raw");
                government.M3Partida(key, 2, "85423901", "00", 20m, 1m, "6", 1m, "6", "USA", "551|raw2");
                government.M3Record(key, "510", "hash-510", name, 5, "510|raw");
                government.M3Record(key, "510", "hash-510", name, 5, "510|raw");
            });
        }

        var p = store.Government.M3Pedimentos().ShouldHaveSingleItem();
        (p.Pedimento, p.Clave, p.Operation, p.Date).ShouldBe(("250734205000257", "IN", "import", (DateOnly?)new DateOnly(2025, 1, 10)));
        p.PartidaValuesUsd.ShouldBe(["150.75", "20"]);
        store.Government.DataStagePedimentos().ShouldBeEmpty();
    }
}
