namespace Traza.Cli.Tests.WorkedExamples;

/// <summary>
/// End-to-end over the hand-built examples in samples/ (issue 3): every expected figure is derived by hand in the
/// sample's README.md and in the comments here.
/// </summary>
public class WorkedExampleTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Maquila_example_discharges_fifo_through_a_two_level_bom()
    {
        using var cli = new TrazaRunner(Now);
        var dir = Path.Combine(TrazaRunner.Samples(), "maquila");
        cli.Ok("init", "--rfc", "MAQ990101AB1", "--name", "Maquila de Ejemplo", "--immex", "2019-1234", "--modality", "industrial");
        foreach (var layout in new[] { "parts", "bom", "entries", "exits" })
        {
            cli.Ok("import", layout, Path.Combine(dir, layout + ".csv"));
        }

        var (code, output, _) = cli.Run("discharge", "--as-of", "2025-06-30");
        code.ShouldBe(0);
        // 2 exits × 2 imported leaves (TAPE-N is national) = 4 consumptions; CONN-A takes 2 lots in exit 1:
        // 2 + 1 (exit 1) + 1 + 1 (exit 2: CONN-A, WIRE-B partly) = 5 allocations.
        output.TrimEnd().Split('\n')[^1].ShouldStartWith("discharged 4 consumptions into 5 allocations in ");

        var balances = cli.Csv("report", "balances", "--as-of", "2025-06-30");
        balances.Count.ShouldBe(3); // lot …0003 entered 2025-07-01, after the as-of date
        var conn1 = balances.Single(r => r["pedimento"] == "252434205000001" && r["partida"] == "1");
        (conn1["qty_discharged"], conn1["balance"], conn1["status"], conn1["deadline"]).ShouldBe(("100", "0", "closed", "2026-07-10"));
        var wire = balances.Single(r => r["pedimento"] == "252434205000001" && r["partida"] == "2");
        (wire["qty_discharged"], wire["balance"], wire["status"]).ShouldBe(("200", "0", "closed"));
        // CONN-A: 300 − 26 (exit 1) − 210 (exit 2) = 64, worth 64 × 150 / 300 = 32.00 USD; 2026-08-15 is 411 days away.
        var conn2 = balances.Single(r => r["pedimento"] == "252434205000002");
        decimal.Parse(conn2["qty_discharged"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(236m);
        decimal.Parse(conn2["balance"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(64m);
        decimal.Parse(conn2["balance_value_usd"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(32m);
        (conn2["deadline"], conn2["days_left"], conn2["status"], conn2["kind"]).ShouldBe(("2026-08-15", "411", "open", "material"));

        // WIRE-B: 94.5 + 157.5 = 252 needed, 200 entered: 52 short on exit 252434205000102.
        var shortages = cli.Csv("report", "shortages", "--as-of", "2025-06-30");
        var s = shortages.ShouldHaveSingleItem();
        (s["exit_document"], s["part"], s["exit_date"], s["client"]).ShouldBe(("252434205000102", "WIRE-B", "2025-06-15", ""));
        decimal.Parse(s["qty_missing"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(52m);

        // Custody of the first exit, entered with spaces: 100 + 26 of CONN-A and 94.5 m (4.8195 kg) of WIRE-B.
        var custody = cli.Csv("report", "custody", "--exit", "25 24 3420 5000101", "--as-of", "2025-06-30");
        custody.Count.ShouldBe(3);
        custody.Select(r => (r["component"], r["entry_pedimento"], r["entry_partida"], r["qty"], r["qty_umt"], r["value_usd"]))
            .ShouldBe(
            [
                ("CONN-A", "252434205000001", "1", "100", "100", "50"),
                ("CONN-A", "252434205000002", "1", "26", "26", "13"),
                ("WIRE-B", "252434205000001", "2", "94.5", "4.8195", "37.8"),
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void Maquila_balances_as_of_an_earlier_date_use_only_movements_until_then()
    {
        using var cli = new TrazaRunner(Now);
        var dir = Path.Combine(TrazaRunner.Samples(), "maquila");
        cli.Ok("init", "--rfc", "MAQ990101AB1", "--name", "Maquila de Ejemplo", "--immex", "2019-1234", "--modality", "industrial");
        foreach (var layout in new[] { "parts", "bom", "entries", "exits" })
        {
            cli.Ok("import", layout, Path.Combine(dir, layout + ".csv"));
        }

        cli.Ok("discharge", "--as-of", "2025-12-31");

        // As of 2025-03-31 only exit 1 counts: CONN-A lot 2 has 300 − 26 = 274, WIRE-B 200 − 94.5 = 105.5.
        var balances = cli.Csv("report", "balances", "--as-of", "2025-03-31");
        balances.Single(r => r["pedimento"] == "252434205000002")["balance"].ShouldBe("274");
        balances.Single(r => r["pedimento"] == "252434205000001" && r["partida"] == "2")["balance"].ShouldBe("105.5");
        cli.Csv("report", "shortages", "--as-of", "2025-03-31").ShouldBeEmpty();
    }

    [Fact]
    public void Shelter_example_keeps_clients_apart_and_applies_directed_fixed_asset_and_waste_rules()
    {
        using var cli = new TrazaRunner(Now);
        var dir = Path.Combine(TrazaRunner.Samples(), "shelter");
        cli.Ok("init", "--rfc", "ALB180315XY9", "--name", "Albergue de Ejemplo", "--immex", "2018-0457", "--modality", "shelter",
            "--valid-to", "2030-12-31");
        foreach (var layout in new[] { "parts", "bom", "entries", "exits", "events" })
        {
            cli.Ok("import", layout, Path.Combine(dir, layout + ".csv"));
        }

        var (code, output, _) = cli.Run("discharge", "--as-of", "2025-06-30");
        code.ShouldBe(0);
        // Consumptions: ALFA 2 exits of FG-A (RES-1) + F5 of MOLD-1 = 3; BETA 2 lines = 2. Allocations: 1 + 1 + 1 + 1 + 1 = 5.
        output.TrimEnd().Split('\n')[^1].ShouldStartWith("discharged 5 consumptions into 5 allocations in ");

        var balances = cli.Csv("report", "balances", "--as-of", "2025-06-30");
        string Row(string ped, string partida, string field) =>
            balances.Single(r => r["pedimento"] == ped && r["partida"] == partida)[field];

        // ALFA: 1500 caps × 0.6 kg = 900 kg FIFO from …0010; the directed exit takes 300 kg from …0012 though …0010 is older.
        (Row("250716955000010", "1", "balance"), Row("250716955000010", "1", "days_left"), Row("250716955000010", "1", "status"))
            .ShouldBe(("100", "428", "open"));
        (Row("250716955000012", "1", "balance"), Row("250716955000012", "1", "deadline"), Row("250716955000012", "1", "days_left"))
            .ShouldBe(("200", "2026-10-01", "458"));
        // The mold (AF, tooling): program term, deadline = the program's valid-to; F5 closes it.
        (Row("250716955000011", "1", "balance"), Row("250716955000011", "1", "deadline"), Row("250716955000011", "1", "days_left"),
            Row("250716955000011", "1", "status")).ShouldBe(("0", "2030-12-31", "2010", "closed"));
        // BETA: its resin lot is exhausted (300 of 350), labels 1000 − 200 = 800; deadlines 18 months after 2025-03-10.
        (Row("250716955000013", "1", "balance"), Row("250716955000013", "1", "status"), Row("250716955000013", "1", "client"))
            .ShouldBe(("0", "closed", "BETA"));
        (Row("250716955000013", "2", "balance"), Row("250716955000013", "2", "days_left")).ShouldBe(("800", "437"));

        cli.Csv("report", "balances", "--as-of", "2025-06-30", "--client", "BETA").Count.ShouldBe(2);

        var shortage = cli.Csv("report", "shortages", "--as-of", "2025-06-30").ShouldHaveSingleItem();
        (shortage["exit_document"], shortage["part"], shortage["qty_missing"], shortage["client"]).ShouldBe(("250716955000103", "RES-1", "50", "BETA"));

        // Custody both ways: from the directed lot back to its only exit.
        var custody = cli.Csv("report", "custody", "--pedimento", "250716955000012", "--partida", "1", "--as-of", "2025-06-30");
        var c = custody.ShouldHaveSingleItem();
        (c["exit_document"], c["product"], c["component"], c["qty"], c["client"]).ShouldBe(("250716955000101", "FG-A", "RES-1", "300", "ALFA"));
    }
}
