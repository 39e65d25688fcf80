using CsCheck;
using Traza.Formats.Reports;

namespace Traza.Formats.Tests.Reports;

/// <summary>
/// A report longer than <see cref="ReportWriter.SpectreTableRows"/> rows is drawn by <c>LargeTable</c> in one pass; it must
/// look exactly as Spectre.Console draws the same table when the table fits the width (no wrapping).
/// </summary>
public sealed class LargeTableTests
{
    private static readonly ReportColumn[] Columns = ["pedimento", new ReportColumn("qty", "cantidad"), "note"];

    private static readonly Gen<object?[]> Row =
        Gen.Select(
            Gen.String[Gen.Char['0', '9'], 0, 15],
            Gen.Decimal[-1_000m, 1_000_000m].Select(Gen.Bool, (d, none) => none ? null : (object)decimal.Round(d, 3)),
            Gen.String[Gen.Char['a', 'z'], 0, 12].Null(),
            (a, b, c) => new object?[] { a, b, c });

    [Fact]
    public void Large_table_is_drawn_as_spectre_draws_it() =>
        Row.Array[0, 40].Sample(rows =>
        {
            ReportData Data() => new(Columns, rows);
            var spectre = new StringWriter();
            ReportWriter.WriteTable(Data(), spectre, int.MaxValue);
            var large = new StringWriter();
            ReportWriter.WriteTable(Data(), large, 0);
            large.ToString().ShouldBe(spectre.ToString());
        });

    [Fact]
    public void A_report_beyond_the_spectre_limit_streams_every_row()
    {
        var rows = Enumerable.Range(0, ReportWriter.SpectreTableRows + 2).Select(i => new object?[] { $"P{i}", (decimal)i, null });
        var output = new StringWriter();
        ReportWriter.WriteTable(new ReportData(Columns, rows), output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(ReportWriter.SpectreTableRows + 2 + 4); // borders, header, separator
        lines[^2].ShouldStartWith($"│ P{ReportWriter.SpectreTableRows + 1} ");
        lines[3].ShouldBe(lines[3].TrimEnd());
    }
}
