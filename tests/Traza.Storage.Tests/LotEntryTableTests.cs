using System.Globalization;
using System.Text;

namespace Traza.Storage.Tests;

/// <summary>
/// <see cref="LotEntryTable"/> starts with a small first block that doubles up to 64 Ki rows (a lookup's few rows do not
/// allocate megabytes), then adds whole blocks: every row reads back as added, across each growth and block boundary,
/// rebased rows included.
/// </summary>
public sealed class LotEntryTableTests
{
    [Fact]
    public void Rows_read_back_as_added_across_growth_and_blocks()
    {
        const int rows = (1 << 16) + 1000;
        var table = new LotEntryTable();
        for (var i = 0; i < rows; i++)
        {
            table.Add("C" + (i % 3).ToString(CultureInfo.InvariantCulture), "P", "IN", Encoding.UTF8.GetBytes(Pedimento(i)), i % 7 + 1,
                DateOnly.FromDayNumber(700_000 + (i % 365)), i, null, i % 2 == 0 ? i / 2m : null);
        }

        table.Rebase(65, "259999999999999", new DateOnly(2025, 1, 2));
        table.Count.ShouldBe(rows);
        foreach (var i in Enumerable.Range(0, rows))
        {
            var e = table[i];
            e.Qty.ShouldBe(i);
            e.Partida.ShouldBe(i % 7 + 1);
            e.ValueUsd.ShouldBe(i % 2 == 0 ? i / 2m : null);
            table.PedimentoText(i).ShouldBe(i == 65 ? "259999999999999" : Pedimento(i));
        }

        var copy = new LotEntryTable();
        copy.Append(table, (1 << 16) + 5);
        copy.PedimentoText(0).ShouldBe(Pedimento((1 << 16) + 5));
    }

    private static string Pedimento(int i) => "25" + i.ToString("D13", CultureInfo.InvariantCulture);
}
