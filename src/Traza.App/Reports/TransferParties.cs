using Traza.Domain.Values;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// Who is on the other side of a virtual transfer, as far as Traza knows (docs/cli.md "Virtual transfers"): for a V1/V5
/// exit, its <c>counterparty</c> column; for a lot received by V1, the sender that Data Stage 507 names with identifier
/// V1 (complement 1: the counterparty's IMMEX number or RFC, Anexo 22 Apéndice 8) — the entries layout (SPEC §4.1) has no
/// column for it. Each side is read once, and only when asked.
/// </summary>
public sealed class TransferParties(ITrazaStore store, string? client, DateOnly asOf)
{
    private Dictionary<long, string>? exits;
    private Dictionary<string, string>? senders;

    /// <summary>
    /// Records an exit line already read (its movement id: <c>PackedAllocation.MovementId</c>) so the exits are not read
    /// again; call for every exit line in force up to the as-of date or for none.
    /// </summary>
    public void Seed(long movementId, ExitRecord exit)
    {
        ArgumentNullException.ThrowIfNull(exit);
        Seed(movementId, exit.Clave, exit.Counterparty);
    }

    /// <summary>As <see cref="Seed(long, ExitRecord)"/>, from an exit line's clave and counterparty columns (a lean read).</summary>
    public void Seed(long movementId, string clave, string? counterparty)
    {
        exits ??= [];
        if (TransferCounterparty.IsTransferExit(clave) && counterparty is { Length: > 0 } c)
        {
            exits[movementId] = c.Trim();
        }
    }

    /// <summary>The counterparty of a V1/V5 exit line, as written; null for other exits, events, or none given.</summary>
    public string? ExitCounterparty(long movementId, string clave)
    {
        if (!TransferCounterparty.IsTransferExit(clave))
        {
            return null;
        }

        if (exits is null)
        {
            exits = [];
            foreach (var x in store.LoadExits(client, asOf))
            {
                Seed(PackedAllocation.MovementId(x.BatchId, x.Line), x);
            }
        }

        return exits.GetValueOrDefault(movementId);
    }

    /// <summary>The sender of a V1 entry pedimento (15 digits) from Data Stage 507 identifier V1; null when not loaded.</summary>
    public string? Sender(string pedimento)
    {
        senders ??= Senders(store.Government);
        return senders.GetValueOrDefault(pedimento);
    }

    /// <summary>Data Stage 507 rows with ClaveCaso V1: pedimento → IdentificadorCaso (the first non-empty in pedimento order).</summary>
    public static Dictionary<string, string> Senders(IGovernmentReader government)
    {
        ArgumentNullException.ThrowIfNull(government);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in government.DataStageRows("507", ["clave_caso", "identificador"]))
        {
            if (row.Pedimento.Length == 15 && row.Values[0] is { } caso && caso.Trim() == "V1" && row.Values[1] is { } id
                && id.Trim().Length > 0 && (!result.TryGetValue(row.Pedimento, out var known) || string.CompareOrdinal(id.Trim(), known) < 0))
            {
                result[row.Pedimento] = id.Trim();
            }
        }

        return result;
    }
}
