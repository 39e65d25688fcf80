using Traza.App.Discharge;

namespace Traza.Cli.Tests.Reconciliation;

/// <summary>
/// <c>report descargos</c> (and so <c>descargo_differs</c>) reads the entry rows of its lots in one set read
/// (<see cref="LedgerRectifications.LotEntries"/>); it must give, key for key, what the point read
/// (<see cref="LedgerRectifications.LotEntry"/>) gives — a rectified lot rebased onto its original, a missing key null.
/// </summary>
public sealed class LotEntriesSetReadTests
{
    [Fact]
    public void Set_read_of_lot_entries_equals_the_point_reads_with_rectifications()
    {
        const string a = "255034565000001", b = "255034565000002", r = "255034565000003";
        using var cli = new CliHarness(new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero));
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.StandardParts();
        cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty,value_usd,rectifies",
            $"{a},1,IN,2025-01-10,MAT-1,100,1000,", $"{b},1,IN,2025-02-01,MAT-1,50,600,", $"{b},2,V1,2025-02-01,MAT-2,5,60,",
            $"{r},1,IN,2025-04-15,MAT-1,80,960,{a}").Exit.ShouldBe(0);

        using var store = TestStore.Open(cli.Db, TimeProvider.System);
        foreach (var asOf in new[] { new DateOnly(2025, 3, 1), new DateOnly(2025, 6, 30) })
        {
            var rectifications = LedgerRectifications.Read(store, asOf);
            List<(string, string, int, string)> keys =
                [("", a, 1, "MAT-1"), ("", b, 1, "MAT-1"), ("", b, 2, "MAT-2"), ("", r, 1, "MAT-1"), ("", b, 3, "MAT-1"), ("X", a, 1, "MAT-1")];

            var set = rectifications.LotEntries(keys, store.Scans);

            set.Count.ShouldBe(keys.Count);
            foreach (var key in keys)
            {
                set[key].ShouldBe(rectifications.LotEntry(key, n => store.Scans.Entry(key.Item1, n, key.Item3, key.Item4)), $"{key} at {asOf}");
            }

            set[("", a, 1, "MAT-1")].ShouldNotBeNull().Clave.ShouldBe("IN");
            set[("", b, 3, "MAT-1")].ShouldBeNull();
        }
    }
}
