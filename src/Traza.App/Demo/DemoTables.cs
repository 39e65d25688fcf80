using System.Globalization;
using System.Text;
using Traza.App.Generation;

namespace Traza.App.Demo;

/// <summary>
/// The small dated tables <c>traza demo</c> loads so that <c>report exposure</c> has something to value (issue 14 item 6):
/// tariffs, partners, DOF rates, INPC and surcharges, written as §4.1 CSV files beside the generated ones. All of it is
/// ILLUSTRATIVE demo data, not a legal schedule: the pre-2026 tariff rates of the fracciones the generator uses are those of
/// the sample schedule <c>shared/data/tigie/tigie_nico.csv</c> where it has them (a transcription of unknown date — it is not
/// known whether it includes the 2026 MFN increases), else made up; the 2026 rows stand for the MFN increase for non-partner
/// origins (decree DOF Dec-2025, in force 2026-01-01) on a few lines; the INPC series and the 1.47 % monthly surcharge are
/// synthetic. Real users load the current TIGIE, the DOF rates, INEGI's INPC and the Ley de Ingresos surcharge rates.
/// </summary>
internal static class DemoTables
{
    /// <summary>Fracción, MFN % before 2026, MFN % from 2026-01-01 (the same when the decree did not touch it in this demo).</summary>
    private static readonly (string Fraccion, decimal Before, decimal From2026)[] Tariffs =
    [
        ("85444299", 5m, 35m), ("85369099", 0m, 0m), ("85340001", 0m, 0m), ("85322499", 0m, 0m), ("85411099", 0m, 0m),
        ("73181599", 35m, 35m), ("73182299", 5m, 25m), ("39269099", 7m, 35m), ("40169399", 10m, 35m), ("76169999", 25m, 25m),
        ("85045099", 0m, 15m), ("85331099", 0m, 0m), ("85423199", 0m, 0m), ("39211399", 7m, 25m), ("74081999", 5m, 5m),
        ("90318099", 0m, 0m), ("85366999", 0m, 0m), ("83024999", 15m, 35m), ("48191001", 25m, 25m), ("39232999", 7m, 25m),
        ("48211001", 25m, 25m),
    ];

    /// <summary>The generator's origins with an agreement in force with Mexico, and the name the entries claim.</summary>
    private static readonly (string Country, string Agreement, DateOnly From)[] Partners =
    [
        ("USA", "TMEC", new DateOnly(2020, 7, 1)), ("CAN", "TMEC", new DateOnly(2020, 7, 1)), ("JPN", "AAE", new DateOnly(2005, 4, 1)),
        ("DEU", "TLCUEM", new DateOnly(2000, 7, 1)), ("MYS", "TIPAT", new DateOnly(2022, 11, 29)),
    ];

    /// <summary>The client whose entries give USD alone, so its lots are valued at the loaded DOF rate (SPEC §3.4).</summary>
    public const string ValuedAtDofRate = "KITE";

    /// <summary>The layouts written, in import order.</summary>
    public static readonly IReadOnlyList<string> Layouts = ["tariffs", "partners", "rates", "inpc", "surcharges"];

    /// <summary>
    /// Writes the five tables into <paramref name="folder"/> for a program generated from <paramref name="start"/> and shown at
    /// <paramref name="today"/>, and rewrites entries.csv: each row of a partner origin claims its agreement (preference),
    /// and the rows of <see cref="ValuedAtDofRate"/> drop customs_value_mxn and exchange_rate.
    /// </summary>
    public static void Write(string folder, DateOnly start, DateOnly today)
    {
        var first = start.AddYears(-1);
        Lines(folder, "tariffs", ["fraccion,nico,mfn_pct,valid_from,valid_to",
            .. Tariffs.SelectMany(t => new[]
            {
                F($"{t.Fraccion},,{t.Before},2020-01-01,2025-12-31"),
                F($"{t.Fraccion},,{t.From2026},2026-01-01,"),
            })]);
        Lines(folder, "partners", ["country,agreement,valid_from,valid_to", .. Partners.Select(p => F($"{p.Country},{p.Agreement},{p.From:yyyy-MM-dd},"))]);
        var rates = new List<string> { "date,mxn_per_usd" };
        for (var d = first; d <= today; d = d.AddDays(1))
        {
            rates.Add(F($"{d:yyyy-MM-dd},{ProgramGenerator.SyntheticRate(start, d)}"));
        }

        Lines(folder, "rates", rates);
        var inpc = new List<string> { "month,index" };
        var surcharges = new List<string> { "month,pct" };
        var month = new DateOnly(first.Year, first.Month, 1);
        for (var i = 0; month.AddMonths(i) < new DateOnly(today.Year, today.Month, 1); i++)
        {
            var m = month.AddMonths(i);
            inpc.Add(F($"{m:yyyy-MM},{decimal.Round(136.5m * (1m + (0.0032m * i)), 3)}"));
        }

        for (var i = 0; month.AddMonths(i) <= today; i++)
        {
            surcharges.Add(F($"{month.AddMonths(i):yyyy-MM},1.47"));
        }

        Lines(folder, "inpc", inpc);
        Lines(folder, "surcharges", surcharges);
        RewriteEntries(Path.Combine(folder, "entries.csv"));
    }

    private static void RewriteEntries(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var (mxn, rate, origin, preference, client) =
            (Column("customs_value_mxn"), Column("exchange_rate"), Column("origin"), Column("preference"), Column("client"));
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (Array.Find(Partners, p => p.Country == f[origin]) is { Agreement: { } agreement })
            {
                f[preference] = agreement;
            }

            if (f[client] == ValuedAtDofRate)
            {
                (f[mxn], f[rate]) = (string.Empty, string.Empty);
            }

            lines[i] = string.Join(',', f);
        }

        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
    }

    private static void Lines(string folder, string layout, IEnumerable<string> lines) =>
        File.WriteAllText(Path.Combine(folder, layout + ".csv"), string.Join('\n', lines) + "\n", new UTF8Encoding(false));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
