using System.Text;
using Traza.Domain.Terms;
using Traza.Domain.Values;
using Traza.Storage;

namespace Traza.App.Programs;

/// <summary>
/// Creates the program (<c>traza init</c>) and registers clients (<c>traza clients add</c>), each as an import batch of
/// the chain (docs/architecture.md Decision 1).
/// </summary>
public static class ProgramService
{
    /// <summary>The modalities of an IMMEX program (SPEC C1; Decreto IMMEX art. 3).</summary>
    public static readonly IReadOnlyList<string> Modalities = ["industrial", "services", "shelter", "holding", "outsourcing"];

    /// <summary>
    /// Creates the program; a target that already holds one is a conflict (SPEC §5, exit 4). Term options other than the
    /// defaults (<paramref name="terms"/>, docs/terms.md) are recorded in the same batch, as line 2 (migration 0033).
    /// </summary>
    public static ProgramRecord Init(
        ITrazaStore store, string rfc, string name, string immex, string modality, DateOnly? validFrom, DateOnly? validTo,
        TermChanges? terms = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parsedRfc = Rfc.Parse(rfc);
        if (!parsedRfc.IsOk)
        {
            throw AppException.Usage($"option --rfc: {parsedRfc.Error!.Message}");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw AppException.Usage("option --name: a program name");
        }

        if (string.IsNullOrWhiteSpace(immex))
        {
            throw AppException.Usage("option --immex: an IMMEX program number (free text, non-empty)");
        }

        var m = (modality ?? string.Empty).Trim().ToLowerInvariant();
        if (!Modalities.Contains(m))
        {
            throw AppException.Usage($"option --modality: one of {string.Join(", ", Modalities)}, found '{modality}'");
        }

        if (validFrom is { } f && validTo is { } t && t < f)
        {
            throw AppException.Usage("option --valid-to: a date on or after --valid-from");
        }

        if (store.GetProgram() is { } existing)
        {
            throw AppException.Conflict($"{store.Target} already holds program {existing.Immex} ({existing.Rfc}); nothing written");
        }

        var program = new ProgramRecord(parsedRfc.Value.Value, name.Trim(), immex.Trim(), m, validFrom, validTo);
        var settings = (terms ?? TermChanges.None).ApplyTo(ProgramTermSettings.Default);
        CheckCancellation(settings, validFrom);
        var options = ProgramTerms.Same(settings, ProgramTermSettings.Default) ? null : ProgramTerms.ToRecord(settings);
        var text = string.Join('\u001f', "program", program.Rfc, program.Name, program.Immex, program.Modality,
            SqlText.Value(validFrom).ToString(), SqlText.Value(validTo).ToString());
        if (options is not null)
        {
            text = string.Join('\u001f', text, options.Sets, options.MissingDay, options.ExtendToBusinessDay ? "yes" : "no",
                options.CancellationWindowDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var sha = Storage.Ledger.LedgerHashes.Sha256Hex(Encoding.UTF8.GetBytes(text));
        using var batch = store.BeginBatch("program", "init", sha);
        batch.AddProgram(program, 1);
        if (options is not null)
        {
            batch.AddProgramTerms(options, 2);
        }

        var record = batch.Commit();
        return program with { BatchId = record.Id, Line = 1 };
    }

    /// <summary>
    /// Changes the program's term options (<c>traza program set</c>; docs/terms.md "Program options"): the settings in force
    /// with <paramref name="changes"/> applied, recorded as one batch of layout <c>program</c> (file name <c>program set</c>)
    /// holding one <c>program_terms</c> row — the ledger is append-only, so a change is a new row, and the last one is in
    /// force. Returns the batch, or null when the options would not change (nothing written). A target without a program is
    /// a usage error (exit 2).
    /// </summary>
    public static BatchRecord? SetTerms(ITrazaStore store, TermChanges changes)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(changes);
        var program = store.GetProgram() ?? throw AppException.Usage($"{store.Target} holds no program: run 'traza init' first");
        if (changes.IsEmpty)
        {
            throw AppException.Usage(
                "traza program set: at least one of --term-sets, --month-end, --business-day-shift, --cancelled-on, --cancellation-window-days");
        }

        var before = ProgramTerms.Current(store);
        var after = changes.ApplyTo(before);
        CheckCancellation(after, program.ValidFrom);
        if (ProgramTerms.Same(before, after))
        {
            return null;
        }

        var record = ProgramTerms.ToRecord(after);
        var text = string.Join('\u001f', "program set", record.Sets, record.MissingDay, record.ExtendToBusinessDay ? "yes" : "no",
            SqlText.Value(record.CancelledOn).ToString(), record.CancellationWindowDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var batch = store.BeginBatch("program", "program set", Storage.Ledger.LedgerHashes.Sha256Hex(Encoding.UTF8.GetBytes(text)));
        batch.AddProgramTerms(record, 1);
        return batch.Commit();
    }

    private static void CheckCancellation(ProgramTermSettings settings, DateOnly? validFrom)
    {
        if (settings.CancelledOn is { } c && validFrom is { } f && c < f)
        {
            throw AppException.Usage($"option --cancelled-on: a date on or after the program's valid-from {f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>
    /// Registers a client (SPEC §3.2). The same registration again is a no-op (returns false); a client already
    /// registered with other details is a conflict (exit 4): the ledger is append-only.
    /// </summary>
    public static bool AddClient(ITrazaStore store, string client, string? name, string? parent, DateOnly? since)
    {
        ArgumentNullException.ThrowIfNull(store);
        var id = ClientId.Parse(client);
        if (!id.IsOk || id.Value.IsProgram)
        {
            throw AppException.Usage($"argument CLIENT: {(id.IsOk ? "a client id (non-empty)" : id.Error!.Message)}");
        }

        var record = new ClientRecord(id.Value.Value, Clean(name), Clean(parent), since);
        var sha = Storage.Ledger.LedgerHashes.Sha256Hex(Encoding.UTF8.GetBytes(string.Join('\u001f', "client", record.Client, record.Name, record.Parent,
            SqlText.Value(since).ToString())));
        using var batch = store.BeginBatch("clients", "clients add", sha);
        var result = batch.AddClient(record, 1);
        switch (result.Outcome)
        {
            case InsertOutcome.Identical:
                return false;
            case InsertOutcome.Conflict:
                throw AppException.Conflict(
                    $"client '{record.Client}' is already registered with other details (batch {result.ExistingBatchId}); nothing written");
            default:
                batch.Commit();
                return true;
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
