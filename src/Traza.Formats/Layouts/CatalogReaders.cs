using System.Globalization;
using Traza.Domain.Model;
using Traza.Domain.Values;

namespace Traza.Formats.Layouts;

/// <summary>Reads a tariffs file (SPEC §4.1): fraccion, nico, mfn_pct, valid_from, valid_to.</summary>
public sealed class TariffsReader(IRecordSource source, string fileName)
    : LayoutReader<TariffRow>(source, fileName, Columns, ["fraccion", "mfn_pct", "valid_from"])
{
    public static readonly IReadOnlyList<string> Columns = ["fraccion", "nico", "mfn_pct", "valid_from", "valid_to"];

    protected override bool TryParse(out TariffRow row)
    {
        row = null!;
        var fraccion = Fraccion.Parse(Text(0));
        if (!fraccion.IsOk)
        {
            return Fail(0, fraccion.Error!);
        }

        var nico = string.Empty;
        if (Optional(1) is { } n)
        {
            var r = Nico.Parse(n);
            if (!r.IsOk)
            {
                return Fail(1, r.Error!);
            }

            nico = r.Value.Code;
        }

        if (!Decimal(2, true, NumberSign.NonNegative, out var pct) || !Date(3, true, out var from) || !Date(4, false, out var to))
        {
            return false;
        }

        if (to < from)
        {
            return Fail(4, "a date on or after valid_from");
        }

        row = new TariffRow(Line, fraccion.Value, nico, pct!.Value, from!.Value, to);
        return true;
    }
}

/// <summary>Reads a partners file (SPEC §4.1): country, agreement, valid_from, valid_to.</summary>
public sealed class PartnersReader(IRecordSource source, string fileName)
    : LayoutReader<PartnerRow>(source, fileName, Columns, ["country", "agreement", "valid_from"])
{
    public static readonly IReadOnlyList<string> Columns = ["country", "agreement", "valid_from", "valid_to"];

    protected override bool TryParse(out PartnerRow row)
    {
        row = null!;
        if (!Required(0, out var country) || !Required(1, out var agreement) || !Date(2, true, out var from) || !Date(3, false, out var to))
        {
            return false;
        }

        if (to < from)
        {
            return Fail(3, "a date on or after valid_from");
        }

        row = new PartnerRow(Line, country.ToUpperInvariant(), agreement, from!.Value, to);
        return true;
    }
}

/// <summary>Reads a rates file (SPEC §4.1): date, mxn_per_usd.</summary>
public sealed class RatesReader(IRecordSource source, string fileName)
    : LayoutReader<RateRow>(source, fileName, Columns, Columns)
{
    public static readonly IReadOnlyList<string> Columns = ["date", "mxn_per_usd"];

    protected override bool TryParse(out RateRow row)
    {
        row = null!;
        if (!Date(0, true, out var date) || !Decimal(1, true, NumberSign.Positive, out var rate))
        {
            return false;
        }

        row = new RateRow(Line, date!.Value, rate!.Value);
        return true;
    }
}

/// <summary>Reads a monthly file (SPEC §4.1): inpc (month, index) or surcharges (month, pct).</summary>
public sealed class MonthlyReader : LayoutReader<MonthlyRow>
{
    private readonly NumberSign sign;

    private MonthlyReader(IRecordSource source, string fileName, string valueColumn, NumberSign sign)
        : base(source, fileName, ["month", valueColumn], ["month", valueColumn]) => this.sign = sign;

    /// <summary>INPC: month, index (greater than 0) — for actualización under CFF art. 17-A.</summary>
    public static MonthlyReader Inpc(IRecordSource source, string fileName) => new(source, fileName, "index", NumberSign.Positive);

    /// <summary>Surcharges: month, pct (the monthly recargos rate, at least 0).</summary>
    public static MonthlyReader Surcharges(IRecordSource source, string fileName) => new(source, fileName, "pct", NumberSign.NonNegative);

    protected override bool TryParse(out MonthlyRow row)
    {
        row = null!;
        var month = Text(0);
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || month.Length != 7)
        {
            return Fail(0, $"a month YYYY-MM, found '{month}'");
        }

        if (first.Year is < 2000 or > 2099)
        {
            return Fail(0, $"a month from 2000-01 to 2099-12, found '{month}'");
        }

        if (!Decimal(1, true, sign, out var value))
        {
            return false;
        }

        row = new MonthlyRow(Line, month, value!.Value);
        return true;
    }
}

/// <summary>
/// Reads a terms file (SPEC §4.1, §3.7): exactly one of kind, clave or fraccion per row; months a whole number or
/// <c>program</c>; valid_from, valid_to, note.
/// </summary>
public sealed class TermsReader(IRecordSource source, string fileName)
    : LayoutReader<TermRow>(source, fileName, Columns, ["months", "valid_from"])
{
    public static readonly IReadOnlyList<string> Columns = ["kind", "clave", "fraccion", "months", "valid_from", "valid_to", "note"];

    /// <summary>A term of at most 100 years keeps every deadline a date (entries end in 2099).</summary>
    private const int MaxMonths = 1200;

    protected override bool TryParse(out TermRow row)
    {
        row = null!;
        var kind = Text(0);
        var clave = Text(1);
        var fraccion = Text(2);
        var given = (kind.Length > 0 ? 1 : 0) + (clave.Length > 0 ? 1 : 0) + (fraccion.Length > 0 ? 1 : 0);
        if (given != 1)
        {
            return Fail(0, "exactly one of kind, clave or fraccion");
        }

        string ruleOn;
        string key;
        if (kind.Length > 0)
        {
            if (!PartKinds.TryParse(kind, out var k))
            {
                return Fail(0, $"one of {string.Join(", ", PartKinds.Names)}, found '{kind}'");
            }

            (ruleOn, key) = ("kind", k.Name());
        }
        else if (clave.Length > 0)
        {
            (ruleOn, key) = ("clave", clave.ToUpperInvariant());
        }
        else
        {
            var f = Fraccion.Parse(fraccion);
            if (!f.IsOk)
            {
                return Fail(2, f.Error!);
            }

            (ruleOn, key) = ("fraccion", f.Value.Code);
        }

        var months = Text(3).ToLowerInvariant();
        if (months != "program" && !(int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m <= MaxMonths))
        {
            return Fail(3, $"a whole number of months from 0 to {MaxMonths} or 'program', found '{Text(3)}'");
        }

        if (!Date(4, true, out var from) || !Date(5, false, out var to))
        {
            return false;
        }

        if (to < from)
        {
            return Fail(5, "a date on or after valid_from");
        }

        row = new TermRow(Line, ruleOn, key, months, from!.Value, to, Optional(6));
        return true;
    }
}
