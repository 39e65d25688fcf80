namespace Traza.App.Reports;

/// <summary>The languages of report labels (SPEC §6: <c>table</c> and XLSX only; field names and values stay English in CSV and JSON).</summary>
public enum Language
{
    /// <summary>English (<c>en</c>).</summary>
    English,

    /// <summary>Spanish as used in Mexico (<c>es</c>, es-MX).</summary>
    Spanish,
}

/// <summary>Parses language codes and finds the default one in the environment.</summary>
public static class Languages
{
    /// <summary>The codes <c>--lang</c> and <c>TRAZA_LANG</c> accept.</summary>
    public static readonly IReadOnlyList<string> Codes = ["es", "en"];

    /// <summary>The variable that sets the default language of report labels.</summary>
    public const string EnvironmentVariable = "TRAZA_LANG";

    public static string Code(this Language language) => language == Language.Spanish ? "es" : "en";

    /// <summary><c>es</c> or <c>en</c>, any case, trimmed.</summary>
    public static bool TryParse(string? text, out Language language)
    {
        switch ((text ?? string.Empty).Trim().ToLowerInvariant())
        {
            case "es":
                language = Language.Spanish;
                return true;
            case "en":
                language = Language.English;
                return true;
            default:
                language = Language.English;
                return false;
        }
    }

    /// <summary>
    /// The default language: <c>TRAZA_LANG</c> (<c>es</c> or <c>en</c>; anything else is a usage error) when set, else the
    /// POSIX locale — the first of <c>LC_ALL</c> and <c>LANG</c> that is set — Spanish when it starts with <c>es</c>
    /// (<c>es_MX.UTF-8</c>), else English.
    /// </summary>
    public static Language FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable(EnvironmentVariable) is { Length: > 0 } own)
        {
            return TryParse(own, out var language)
                ? language
                : throw AppException.Usage($"{EnvironmentVariable}: es or en, found '{own}'");
        }

        var locale = variable("LC_ALL") is { Length: > 0 } all ? all : variable("LANG") ?? string.Empty;
        return locale.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? Language.Spanish : Language.English;
    }
}
