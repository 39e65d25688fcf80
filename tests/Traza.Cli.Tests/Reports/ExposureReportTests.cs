namespace Traza.Cli.Tests.Reports;

/// <summary>
/// <c>report exposure</c> (issue 14 items 2 and 4, SPEC §3.4, §3.9, §6) end to end, on SQLite and (Traza.Cli.Tests.Postgres)
/// PostgreSQL. Worked by hand at D = 2027-05-01:
/// <code>
/// tariffs 85444299 5 % 2020-01-01..2025-12-31, 35 % from 2026-01-01;  partners USA TMEC from 2020-07-01
/// rates 2026-01-19 20.00;  inpc 2025-02 138, 2025-11 140, 2025-12 140, 2027-04 147;  surcharges 1.47 % every month 2025–2027
///
/// A 255034565000001 HAR-1 2025-03-10 qty 100, MXN 50000, USA TMEC; 60 returned → balance 40; deadline 2026-09-10, expired
///   value 50000 × 40/100 = 20000; IGI 0 (TMEC in force); DTA 160; IVA (20000 + 0 + 160) × 16 % = 3225.60; taxes 3385.60
///   factor 147/138 = 1.065217… → actualización 3385.60 × 9/138 = 220.80
///   surcharges 2025-04..2027-05 = 26 × 1.47 = 38.22 → recargos 3385.60 × 147/138 × 0.3822 = 3606.40 × 0.3822 = 1378.37
///   regularize: 233 days late → 16 periods × 3020 = 48320 → capped at the value 20000 (max too)
///   authority 3385.60 × 130 % = 4401.28, × 150 % = 5078.40;  missing 20000 × 250 % = 50000, × 300 % = 60000
/// D 255034565000004 BOX-1 2025-03-10 qty 5, USD 100, no rate and no DOF rate near 2025-03-10 → no customs value: empty amounts
/// B 255034565000002 HAR-2 2025-12-15 qty 10, USD 500 × 20 = 10000 (row rate), CHN; deadline 2027-06-15, expiring
///   IGI 5 % = 500; DTA 80; IVA 10580 × 16 % = 1692.80; taxes 2272.80; factor 147/140 = 1.05 → 113.64
///   surcharges 2026-01..2027-05 = 17 × 1.47 = 24.99 → 2272.80 × 1.05 × 0.2499 = 596.37
///   regularize 0 (not late); authority 2954.64 / 3409.20; missing 25000 / 30000
/// C 265034565000003 HAR-2 2026-01-20 qty 10, USD 500, no rate → the DOF rate of 2026-01-19 (the last before it) 20.00 → 10000
///   IGI 35 % (the 2026 row) = 3500; DTA 80; IVA 13580 × 16 % = 2172.80; taxes 5752.80; factor 1.05 → 287.64
///   surcharges 2026-02..2027-05 = 16 × 1.47 = 23.52 → 5752.80 × 1.05 × 0.2352 = 1420.71
///   regularize 0; authority 7478.64 / 8629.20; missing 25000 / 30000
/// E 275034565000005 entered 2027-01-10: open, not at risk, not listed.
/// </code>
/// </summary>
public sealed class ExposureReportTests : IDisposable
{
    private const string Header =
        "pedimento,partida,part,client,balance,customs_value_mxn,scenario,igi,iva,dta,actualizacion,recargos,penalty_min,penalty_max,rule";

    private readonly CliHarness cli = new(new DateTimeOffset(2027, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public ExposureReportTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,fraccion,nico,umc,origin",
            "HAR-1,Harness,material,85444299,00,6,USA", "HAR-2,Harness CN,material,85444299,00,6,CHN", "BOX-1,Box,packaging,48191001,00,6,CHN")
            .Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd,customs_value_mxn,exchange_rate,origin,preference",
            "255034565000001,1,IN,2025-03-10,HAR-1,100,,50000,,USA,TMEC",
            "255034565000002,1,IN,2025-12-15,HAR-2,10,500,,20,,",
            "265034565000003,1,IN,2026-01-20,HAR-2,10,500,,,,",
            "255034565000004,1,IN,2025-03-10,BOX-1,5,100,,,,",
            "275034565000005,1,IN,2027-01-10,HAR-2,10,500,,20,,").Exit.ShouldBe(0);
        cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty", "255034565000200,1,RT,2025-06-01,HAR-1,60").Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    private void LoadTables()
    {
        cli.Import("tariffs", "tariffs.csv", "fraccion,nico,mfn_pct,valid_from,valid_to", "85444299,,5,2020-01-01,2025-12-31", "85444299,,35,2026-01-01,")
            .Exit.ShouldBe(0);
        cli.Import("partners", "partners.csv", "country,agreement,valid_from,valid_to", "USA,TMEC,2020-07-01,").Exit.ShouldBe(0);
        cli.Import("rates", "rates.csv", "date,mxn_per_usd", "2026-01-19,20.00").Exit.ShouldBe(0);
        cli.Import("inpc", "inpc.csv", "month,index", "2025-02,138", "2025-11,140", "2025-12,140", "2027-04,147").Exit.ShouldBe(0);
        cli.Import("surcharges", "surcharges.csv",
            ["month,pct", .. Enumerable.Range(0, 36).Select(i => $"{2025 + (i / 12)}-{(i % 12) + 1:D2},1.47")]).Exit.ShouldBe(0);
    }

    private static string[] Split(string line) => CsvText.Parse(line)[0];

    private static string Quote(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;

    /// <summary>The SPEC §6 columns of a CSV line, written back as CSV.</summary>
    private static string Spec(string line) => string.Join(',', Split(line).Take(15).Select(Quote));

    [Fact]
    public void Exposure_lists_three_scenarios_per_lot_at_risk_worked_by_hand()
    {
        LoadTables();
        var rows = cli.ReportCsv("exposure");
        rows[0].ShouldStartWith(Header + ",entry_date,deadline,status,days_late,lapse_date,fraccion,nico,origin,preference,");
        const string Fine = "Ley Aduanera art. 183 fr. II: spontaneous late return, MXN 3020-4560 per 15 days (or fraction) late, capped at the goods' value";
        const string Authority = "Ley Aduanera art. 183 fr. III via art. 178 fr. I: 130-150 % of the omitted IGI + DTA + IVA";
        const string Missing = "Ley Aduanera art. 178 fr. IV as reformed DOF 19-11-2025: 250-300 % of the goods' value (art. 177 fr. III: not found at the program's domicile)";
        const string NoValue = "\"no customs value: the entry gives value_usd but neither customs_value_mxn nor exchange_rate, and no DOF rate is loaded for 2025-03-10 or the 7 days before\"";
        rows.Skip(1).Select(Spec).ShouldBe(
        [
            $"255034565000001,1,HAR-1,,40,20000,regularize,0,3225.6,160,220.8,1378.37,20000,20000,\"{Fine}; 16 period(s) of 15 days (233 days late)\"",
            $"255034565000001,1,HAR-1,,40,20000,authority,0,3225.6,160,220.8,1378.37,4401.28,5078.4,{Authority}",
            $"255034565000001,1,HAR-1,,40,20000,missing,0,3225.6,160,220.8,1378.37,50000,60000,{Missing}",
            $"255034565000004,1,BOX-1,,5,,regularize,,,,,,,,{NoValue}",
            $"255034565000004,1,BOX-1,,5,,authority,,,,,,,,{NoValue}",
            $"255034565000004,1,BOX-1,,5,,missing,,,,,,,,{NoValue}",
            $"255034565000002,1,HAR-2,,10,10000,regularize,500,1692.8,80,113.64,596.37,0,0,\"{Fine}; 0 period(s) of 15 days (0 days late)\"",
            $"255034565000002,1,HAR-2,,10,10000,authority,500,1692.8,80,113.64,596.37,2954.64,3409.2,{Authority}",
            $"255034565000002,1,HAR-2,,10,10000,missing,500,1692.8,80,113.64,596.37,25000,30000,{Missing}",
            $"265034565000003,1,HAR-2,,10,10000,regularize,3500,2172.8,80,287.64,1420.71,0,0,\"{Fine}; 0 period(s) of 15 days (0 days late)\"",
            $"265034565000003,1,HAR-2,,10,10000,authority,3500,2172.8,80,287.64,1420.71,7478.64,8629.2,{Authority}",
            $"265034565000003,1,HAR-2,,10,10000,missing,3500,2172.8,80,287.64,1420.71,25000,30000,{Missing}",
        ]);

        // SPEC §3.4 in report entries too: the DOF rate of 2026-01-19 values C; D has none.
        var entries = cli.ReportCsv("entries").Skip(1).Select(Split).ToDictionary(f => f[0], f => f[11]);
        (entries["265034565000003"], entries["255034565000002"], entries["255034565000004"]).ShouldBe(("10000", "10000", ""));
    }

    [Fact]
    public void Exposure_json_carries_the_rate_inpc_months_and_surcharge_months_behind_each_figure()
    {
        LoadTables();
        var result = cli.Run("report", "exposure", "--format", "json", "--iva-certified", "yes");
        result.Exit.ShouldBe(0, result.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var c = json.RootElement.EnumerateArray().First(r => r.GetProperty("pedimento").GetString() == "265034565000003");
        c.GetProperty("scenario").GetString().ShouldBe("regularize");
        c.GetProperty("value_source").GetString().ShouldBe("dof_rate");
        c.GetProperty("exchange_rate").GetDecimal().ShouldBe(20m);
        c.GetProperty("rate_date").GetString().ShouldBe("2026-01-19");
        c.GetProperty("igi_pct").GetDecimal().ShouldBe(35m);
        c.GetProperty("igi_rule").GetString().ShouldBe("tariffs 85444299 from 2026-01-01: 35 % MFN (LA art. 56 fr. I)");
        c.GetProperty("iva_creditable").GetString().ShouldBe("yes");
        (c.GetProperty("inpc_entry_month").GetString(), c.GetProperty("inpc_entry").GetDecimal()).ShouldBe(("2025-12", 140m));
        (c.GetProperty("inpc_month").GetString(), c.GetProperty("inpc").GetDecimal()).ShouldBe(("2027-04", 147m));
        c.GetProperty("factor").GetDecimal().ShouldBe(1.05m);
        c.GetProperty("surcharge_months").GetString().ShouldBe("2026-02..2027-05");
        c.GetProperty("surcharge_pct").GetDecimal().ShouldBe(23.52m);
        c.GetProperty("penalty_rule_from").GetString().ShouldBe("2026-01-01");
        c.GetProperty("missing").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    /// <summary>Without INPC, surcharges or tariffs loaded, the amounts that need them are empty and the row names what is missing.</summary>
    [Fact]
    public void Exposure_without_tables_names_what_is_missing_and_never_shows_zero()
    {
        var rows = cli.ReportCsv("exposure").Skip(1).Select(Split).ToList();
        var c = rows.First(f => f[0] == "255034565000002" && f[6] == "authority");
        (c[5], c[7], c[8], c[9], c[10], c[11], c[12]).ShouldBe(("10000", "", "", "80", "", "", ""));
        c[^1].ShouldBe("tariffs 85444299.00 on 2025-12-15; inpc 2025-11; inpc 2027-04; surcharges 2026-01 2026-02 2026-03 2026-04 2026-05 2026-06 2026-07 " +
            "2026-08 2026-09 2026-10 2026-11 2026-12 2027-01 2027-02 2027-03 2027-04 2027-05");
        rows.First(f => f[0] == "255034565000002" && f[6] == "missing")[12].ShouldBe("25000");
        rows.First(f => f[0] == "265034565000003")[5].ShouldBe("", "no rates loaded: C has no customs value");
    }

    [Fact]
    public void Exposure_totals_per_client_and_scenario_lead_the_table()
    {
        LoadTables();
        var table = cli.Run("report", "exposure", "--format", "table", "--lang", "en");
        table.Exit.ShouldBe(0, table.Stderr);
        var summary = table.Stdout[..table.Stdout.IndexOf("Pedim", StringComparison.Ordinal)];
        // regularize: value 20000 + 10000 + 10000 = 40000; IGI 0 + 500 + 3500 = 4000; IVA 3225.60 + 1692.80 + 2172.80 = 7091.20;
        // DTA 320; actualización 220.80 + 113.64 + 287.64 = 622.08; recargos 1378.37 + 596.37 + 1420.71 = 3395.45;
        // penalties 20000; total 4000 + 7091.20 + 320 + 622.08 + 3395.45 + 20000 = 35428.73; one incomplete row (lot D).
        summary.ShouldContain("Minimum total");
        summary.ShouldContain("40000");
        summary.ShouldContain("7091.2");
        summary.ShouldContain("3395.45");
        summary.ShouldContain("35428.73");
        // missing: 20000 × 2.5 + 25000 + 25000 = 100000 .. 120000; total_max = 15428.73 + 120000 = 135428.73
        summary.ShouldContain("135428.73");
    }

    [Fact]
    public void Exposure_options_and_the_empty_ledger()
    {
        cli.Run("report", "exposure", "--iva-certified", "maybe").Exit.ShouldBe(2);
        cli.ReportCsv("exposure", "--as-of", "2025-01-01").ShouldBe([cli.ReportCsv("exposure", "--as-of", "2025-01-01")[0]]);
        cli.ReportCsv("exposure", "--as-of", "2025-01-01")[0].ShouldStartWith(Header);
    }
}
