namespace Traza.Formats.Layouts;

/// <summary>Reads a counts file (SPEC §4.1, §3.6): date, part, qty (at least 0), site, client.</summary>
public sealed class CountsReader(IRecordSource source, string fileName)
    : LayoutReader<CountRow>(source, fileName, Columns, ["date", "part", "qty"])
{
    public static readonly IReadOnlyList<string> Columns = ["date", "part", "qty", "site", "client"];

    protected override bool TryParse(out CountRow row)
    {
        row = null!;
        if (!Date(0, true, out var date) || !Part(1, out var part) || !Decimal(2, true, NumberSign.NonNegative, out var qty) || !Client(4, out var client))
        {
            return false;
        }

        row = new CountRow(Line, client, date!.Value, part, qty!.Value, Text(3));
        return true;
    }
}
