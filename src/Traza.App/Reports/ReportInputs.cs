using System.Globalization;

namespace Traza.App.Reports;

/// <summary>
/// Parsing of the common report inputs, shared by <c>traza report</c> and the API's <c>/api/reports/{name}</c> so both give
/// the same value and the same message (docs/api.md: a bad query parameter is a 400 with the CLI's message).
/// </summary>
public static class ReportInputs
{
    /// <summary>
    /// An optional date option in <c>YYYY-MM-DD</c>, from 2000-01-01 to 2099-12-31 like every input date (SPEC §4.1); null
    /// when blank; a usage error naming <paramref name="option"/> (e.g. <c>--as-of</c>) otherwise.
    /// </summary>
    public static DateOnly? Date(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2099
            ? date
            : throw AppException.Usage($"option {option}: a date YYYY-MM-DD from 2000-01-01 to 2099-12-31, found '{text}'");
    }

    /// <summary>The client filter as the CLI reads <c>--client</c>: trimmed; null (every client) when not given.</summary>
    public static string? Client(string? text) => text?.Trim();

    /// <summary>
    /// The <c>--pedimento DOC</c> filter of the ledger listings (docs/cli.md): a pedimento written with spaces
    /// (<c>25 30 3420 5000001</c>) becomes its 15 digits; any other document (a NAC reference) is taken trimmed, as
    /// written; null when not given.
    /// </summary>
    public static string? Document(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        return digits.Length == 15 && digits.All(char.IsAsciiDigit) ? digits : text.Trim();
    }

    /// <summary>The <c>--pedimento</c> option of the ledger listings (entries, exits, pedimentos).</summary>
    public static readonly ReportOption DocumentOption = new("pedimento", "only the rows of this pedimento (or document)");
}
