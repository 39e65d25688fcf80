using System.Globalization;
using Traza.Formats.Government;

namespace Traza.Formats.M3;

/// <summary>
/// One record (line) of a SAAI M3 validation file: the register code (field 1) and its fields, text as delivered.
/// Positions are 1-based as in the Lineamientos (position 1 is the register code).
/// </summary>
public sealed class M3Record
{
    private readonly string[] fields;

    internal M3Record(string file, long line, string raw, string[] fields)
    {
        File = file;
        Line = line;
        Raw = raw;
        this.fields = fields;
    }

    public string File { get; }

    public long Line { get; }

    /// <summary>The line as delivered, without its line end.</summary>
    public string Raw { get; }

    /// <summary>The register code, e.g. <c>551</c>.</summary>
    public string Register => fields[0];

    /// <summary>Fields by position (index 0 = position 1, the register code); the trailing pipe's empty field is dropped.</summary>
    public IReadOnlyList<string> Fields => fields;

    /// <summary>The field at a 1-based position, trimmed; empty when the record is shorter.</summary>
    public string Get(int position) => position >= 1 && position <= fields.Length ? fields[position - 1].Trim() : string.Empty;

    /// <summary>A date field, DDMMAAAA or AAAAMMDD told apart by validity; null when empty or zeros.</summary>
    public DateOnly? GetDate(int position)
    {
        var t = Get(position);
        if (t.Length == 0 || t.All(c => c == '0'))
        {
            return null;
        }

        return GovernmentDates.TryParseM3(t, out var d) ? d : throw Error(position, $"a date DDMMAAAA or AAAAMMDD, found '{t}'");
    }

    /// <summary>A numeric field as an exact decimal (absolute value below 10^12); null when empty.</summary>
    public decimal? GetDecimal(int position)
    {
        var t = Get(position);
        if (t.Length == 0)
        {
            return null;
        }

        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            && GovernmentNumbers.InRange(v)
            ? v
            : throw Error(position, $"a number with a decimal point and an absolute value below 10^12, found '{t}'");
    }

    /// <summary>An error about one field of this record (the column is named by register and position, e.g. 551.10).</summary>
    public GovernmentFormatException Error(int position, string expected) =>
        new(File, Line, Register + "." + position.ToString(CultureInfo.InvariantCulture), expected);
}
