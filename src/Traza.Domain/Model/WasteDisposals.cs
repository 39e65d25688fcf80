using System.Globalization;

namespace Traza.Domain.Model;

/// <summary>How waste (desperdicio, Ley Aduanera art. 2 fr. XII) leaves the waste balance (SPEC §3.5; docs/cli.md "Waste").</summary>
public enum WasteDisposalKind
{
    /// <summary>A <c>destruction</c> event with waste = yes (RGCE rule 4.3.5: notice before it, or the monthly acta).</summary>
    Destruction,

    /// <summary>A <c>donation</c> event with waste = yes (identifier DN, clave V9 on the broker's side).</summary>
    Donation,

    /// <summary>An RT or H1 exit with <c>case</c> = DE: the waste returned abroad.</summary>
    Return,

    /// <summary>An F4 or A3 exit with <c>case</c> = DE: the waste changed to definitive import (art. 109, 118 taxes).</summary>
    ChangeOfRegime,
}

/// <summary>
/// The waste disposals an exit or event can make, and the rule 4.3.5 notice date a destruction's reference may carry.
/// An exit disposes of waste when its <c>case</c> is <see cref="ExitCase"/> — Apéndice 8 identifier DE, "desperdicios" of
/// IMMEX processes, which the broker declares at pedimento level (Data Stage 507) on the return or change of regime of
/// waste — and its clave is one of <see cref="ExitClaves"/>.
/// </summary>
public static class WasteDisposals
{
    /// <summary>The exits <c>case</c> value that marks a waste disposal (Apéndice 8 identifier DE).</summary>
    public const string ExitCase = "DE";

    /// <summary>The exit claves that may dispose of waste: returns (RT, H1) and changes of regime (F4, A3).</summary>
    public static readonly IReadOnlyList<string> ExitClaves = ["RT", "H1", "F4", "A3"];

    /// <summary>The <c>waste-disposals.disposal</c> values, by <see cref="WasteDisposalKind"/>.</summary>
    public static readonly IReadOnlyList<string> Names = ["destruction", "donation", "return", "change_of_regime"];

    public static string Name(this WasteDisposalKind kind) => Names[(int)kind];

    /// <summary>True when an exit with <paramref name="clave"/> and <paramref name="exitCase"/> disposes of waste.</summary>
    public static bool IsWasteExit(string? clave, string? exitCase) =>
        string.Equals(exitCase?.Trim(), ExitCase, StringComparison.OrdinalIgnoreCase) && clave is not null
        && ExitClaves.Contains(clave.Trim().ToUpperInvariant());

    /// <summary>The kind of a waste exit's clave: RT/H1 return, F4/A3 change of regime.</summary>
    public static WasteDisposalKind OfExitClave(string clave) =>
        clave.Trim().ToUpperInvariant() is "RT" or "H1" ? WasteDisposalKind.Return : WasteDisposalKind.ChangeOfRegime;

    /// <summary>
    /// Splits a destruction's <c>reference</c> into its acta (the text before the last <c>@</c>) and the date of the rule
    /// 4.3.5 notice written after it as <c>@YYYY-MM-DD</c>; without an <c>@</c> the whole text is the acta and there is no
    /// notice date. <paramref name="valid"/> is false when an <c>@</c> is followed by anything but such a date.
    /// </summary>
    public static (string Acta, DateOnly? Notice) SplitReference(string? reference, out bool valid)
    {
        var text = reference ?? string.Empty;
        var at = text.LastIndexOf('@');
        valid = true;
        if (at < 0)
        {
            return (text, null);
        }

        var date = text[(at + 1)..].Trim();
        if (date.Length != 10 || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var notice))
        {
            valid = false;
            return (text, null);
        }

        return (text[..at].Trim(), notice);
    }
}
