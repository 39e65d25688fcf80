namespace Traza.Domain.Values;

/// <summary>What a transfer's <c>counterparty</c> text is (<see cref="TransferCounterparty.Classify"/>).</summary>
public enum CounterpartyKind
{
    /// <summary>Empty: the ledger does not say who the other side is.</summary>
    None,

    /// <summary>A structurally valid RFC (SPEC §3.1).</summary>
    Rfc,

    /// <summary>Text shaped like an IMMEX program number (see <see cref="TransferCounterparty"/>).</summary>
    Immex,

    /// <summary>Any other text (a name, a note): kept as written, matched as written.</summary>
    Other,
}

/// <summary>
/// The other side of a virtual transfer (claves V1 and V5, RGCE rule 4.3.21): the pedimento names it with identifier V1
/// at pedimento level, whose complement 1 is the counterparty's IMMEX program number or RFC (Anexo 22 Apéndice 8;
/// regulatory.md §2.3). Traza reads it from the exits' <c>counterparty</c> column and from Data Stage 507.
/// </summary>
/// <remarks>
/// Checks here are warnings, never invalid input: SPEC §4.1 makes <c>counterparty</c> optional and SPEC §3.1 makes an
/// IMMEX number free text, so no non-empty text is structurally wrong. The IMMEX-number shape is UNCERTAIN (no
/// published format was found): an optional prefix of letters (<c>IMMEX</c>, <c>PITEX</c> …) and 1–3 groups of digits
/// joined by <c>-</c> or <c>/</c> (<c>IMMEX 1234-2006</c>, <c>123-2006</c>).
/// </remarks>
public readonly record struct TransferCounterparty(CounterpartyKind Kind, string Key)
{
    /// <summary>True for the claves whose exits are virtual transfers to a counterparty in Mexico (V1, V5).</summary>
    public static bool IsTransferExit(string? clave) => clave is "V1" or "V5";

    /// <summary>
    /// Classifies <paramref name="text"/> and gives the key transfers match on: an RFC without hyphens or spaces in upper
    /// case; any other text trimmed, in upper case, with runs of blanks made one space.
    /// </summary>
    public static TransferCounterparty Classify(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return new TransferCounterparty(CounterpartyKind.None, string.Empty);
        }

        if (Values.Rfc.Parse(t) is { IsOk: true } rfc)
        {
            return new TransferCounterparty(CounterpartyKind.Rfc, rfc.Value.Value);
        }

        var key = string.Join(' ', t.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new TransferCounterparty(IsImmexShaped(key) ? CounterpartyKind.Immex : CounterpartyKind.Other, key);
    }

    /// <summary>The kind's name as reports write it: <c>none</c>, <c>rfc</c>, <c>immex</c>, <c>other</c>.</summary>
    public string KindName => Kind switch
    {
        CounterpartyKind.Rfc => "rfc",
        CounterpartyKind.Immex => "immex",
        CounterpartyKind.Other => "other",
        _ => "none",
    };

    private static bool IsImmexShaped(string key)
    {
        var i = 0;
        while (i < key.Length && char.IsAsciiLetterUpper(key[i]))
        {
            i++;
        }

        if (i > 10)
        {
            return false;
        }

        if (i > 0 && i < key.Length && key[i] is ' ' or '-')
        {
            i++;
        }

        var groups = 0;
        while (i < key.Length)
        {
            var start = i;
            while (i < key.Length && char.IsAsciiDigit(key[i]))
            {
                i++;
            }

            if (i == start || i - start > 7)
            {
                return false;
            }

            groups++;
            if (i < key.Length)
            {
                if (key[i] is not ('-' or '/') || i == key.Length - 1)
                {
                    return false;
                }

                i++;
            }
        }

        return groups is >= 1 and <= 3;
    }
}
