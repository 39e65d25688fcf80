using Traza.Formats.DataStage;

namespace Traza.Cli.Tests.Reports;

/// <summary>
/// The worked example of <c>report program</c>, <c>report dossier</c> and <c>report annex24</c>, derived by hand (as of 2025-12-31;
/// program valid 2019-01-01 to 2026-02-15):
/// <code>
/// parts: MAT-1 material 72085101 (umt 6), MAT-2 material without fracción, DIE-1 tooling 84807101, FG-1 finished 87089999,
///        FG-2 finished 87089998 (not in the loaded tariffs: 72085101, 84807101, 87089999)
/// bom:   FG-1 ← MAT-1 qty_per 2, merma 25 %, desperdicio 25 % from 2025-01-01: 3 MAT-1 per FG-1, of which 0.5 merma, 0.5 desperdicio
/// A  25073420 5000001 IN 2025-01-10  partida 1 MAT-1 120 USD 1200; partida 2 MAT-1 50 USD 500 (deadline 2026-07-10)
/// D  25073420 5000002 AF 2025-01-10  DIE-1 1 USD 5000 (program term: deadline 2026-02-15, 46 days → expiring)
/// B  24073420 4000003 IN 2024-05-01  MAT-2 10 USD 50 (deadline 2025-11-01 → expired, 60 days past)
/// X1 25073420 5100001 RT 2025-03-01 FG-1 10 → 30 of A/1 (merma 5, desperdicio 5)
/// X2 25073420 5100002 RT 2025-04-01 FG-2  3 → no BOM, no FG-2 lot: shortage 3
/// X3 25073420 5100003 RT 2025-06-01 FG-1 30 → 90 of A/1 (A/1 closed; merma 15, desperdicio 15)
/// X4 25073420 5100004 RT 2025-07-01 FG-1 10 → 30 of A/2 (balance 20, USD 200; merma 5, desperdicio 5)
/// </code>
/// </summary>
internal static class AuditExample
{
    public static readonly DateTimeOffset Now = new(2025, 12, 31, 12, 0, 0, TimeSpan.Zero);

    public static string P(string n7) => "25073420" + n7;

    public static readonly string A = P("5000001");
    public static readonly string D = P("5000002");
    public static readonly string B = "24073420" + "4000003";
    public static readonly string X1 = P("5100001");
    public static readonly string X2 = P("5100002");
    public static readonly string X3 = P("5100003");
    public static readonly string X4 = P("5100004");

    public static void Ledger(CliHarness cli)
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial",
            "--valid-from", "2019-01-01", "--valid-to", "2026-02-15").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,fraccion,nico,umc,umt",
            "MAT-1,Steel,material,72085101,00,6,6", "MAT-2,Paint,material,,,6,6", "DIE-1,Die,tooling,84807101,00,6,6",
            "FG-1,Bracket,finished,87089999,00,6,6", "FG-2,Cover,finished,87089998,00,6,6").Exit.ShouldBe(0);
        cli.Import("tariffs", "tariffs.csv", "fraccion,nico,mfn_pct,valid_from",
            "72085101,00,0,2020-01-01", "84807101,00,0,2020-01-01", "87089999,00,0,2020-01-01").Exit.ShouldBe(0);
        cli.Import("bom", "bom.csv", "product,component,qty_per,merma_pct,desperdicio_pct,valid_from", "FG-1,MAT-1,2,25,25,2025-01-01")
            .Exit.ShouldBe(0);
        var e = cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty,value_usd",
            $"{A},1,IN,2025-01-10,MAT-1,120,1200", $"{A},2,IN,2025-01-10,MAT-1,50,500", $"{D},1,AF,2025-01-10,DIE-1,1,5000",
            $"{B},1,IN,2024-05-01,MAT-2,10,50");
        e.Exit.ShouldBe(0, e.Stderr);
        var x = cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty,value_usd",
            $"{X1},1,RT,2025-03-01,FG-1,10,2000", $"{X2},1,RT,2025-04-01,FG-2,3,300", $"{X3},1,RT,2025-06-01,FG-1,30,6000",
            $"{X4},1,RT,2025-07-01,FG-1,10,2000");
        x.Exit.ShouldBe(0, x.Stderr);
    }

    /// <summary>SAT's side: a package to 2025-10-31 holding A with partida 1 in UMT 1 (the catalog says 6).</summary>
    public static void DataStage(CliHarness cli)
    {
        using var w = new DataStagePackageWriter("900016");
        w.SetResumen("ABC010101AB1", new DateOnly(2025, 1, 1), new DateOnly(2025, 10, 31), new DateOnly(2025, 11, 2));
        var date = new DateOnly(2025, 1, 10);
        w.AddPedimento(new DataStagePedimento("3420", "5000001", "070", 1, "IN", "ABC010101AB1", date, FechaEntrada: date));
        w.AddPartida(new DataStagePartida("3420", "5000001", "070", 1, "72085101", "00", "Steel", 1200m, 22200m, 120m, "6", 120m, "1",
            "USA", "USA", 1, "IN", date));
        w.AddPartida(new DataStagePartida("3420", "5000001", "070", 2, "72085101", "00", "Steel", 500m, 9250m, 50m, "6", 50m, "1",
            "USA", "USA", 1, "IN", date));
        var path = cli.Path_("pkg.zip");
        w.WriteZip(path);
        var r = cli.Run("import", "datastage", path);
        r.Exit.ShouldBe(0, r.Stderr);
    }
}
