namespace Traza.Storage;

/// <summary>
/// A row of the ledger as stored: the import batch that appended it and its 1-based line in that batch's file
/// (the header is line 1). The discharge engine orders ties by (batch, line) (SPEC §3.5).
/// </summary>
public abstract record LedgerRow
{
    public long BatchId { get; init; }

    public long Line { get; init; }
}

/// <summary>The IMMEX program the database holds (SPEC C1; one per database, program_id = 1).</summary>
public sealed record ProgramRecord(string Rfc, string Name, string Immex, string Modality, DateOnly? ValidFrom, DateOnly? ValidTo)
    : LedgerRow;

/// <summary>A client of the program (shelter client, holding subsidiary); '' is the program's own (SPEC §3.2).</summary>
public sealed record ClientRecord(string Client, string? Name, string? Parent, DateOnly? Since) : LedgerRow;

/// <summary>A part of a client (SPEC §4.1 parts). Kind and source in their file names; units as Apéndice 7 codes.</summary>
public sealed record PartRecord(
    string Client,
    string Part,
    string? Description,
    string Kind,
    string? Fraccion,
    string? Nico,
    string Umc,
    string Umt,
    decimal UmtPerUmc,
    string? Origin,
    string Source) : LedgerRow
{
    /// <summary>SPEC §3.4: a national part never gets a pedimento lot and is skipped wherever it appears.</summary>
    public bool IsNational => IsNationalSource(Source);

    /// <summary>Whether a part's <c>source</c> column marks it national (SPEC §4.1 parts).</summary>
    public static bool IsNationalSource(string source) => string.Equals(source, "national", StringComparison.Ordinal);
}

/// <summary>A dated BOM row (SPEC §4.1 bom, §3.5 explosion); percentages of net consumption.</summary>
public sealed record BomRecord(
    string Client,
    string Product,
    string Component,
    DateOnly? ValidFrom,
    decimal QtyPer,
    decimal MermaPct,
    decimal DesperdicioPct,
    DateOnly? ValidTo) : LedgerRow
{
    /// <summary>True when the row applies on <paramref name="date"/>: valid_from ≤ date ≤ valid_to, empty = open.</summary>
    public bool InForceOn(DateOnly date) => (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}

/// <summary>
/// An entry lot (SPEC §3.4): one per (client, pedimento, partida, part); rows of one file with that key summed.
/// Pedimento in 15 digits, a NAC document as written. Optional amounts are null when the file left them empty.
/// </summary>
public sealed record EntryRecord(
    string Client,
    string Pedimento,
    int Partida,
    string Part,
    string Clave,
    DateOnly Date,
    decimal Qty,
    decimal? QtyUmt,
    decimal? ValueUsd,
    decimal? CustomsValueMxn,
    decimal? ExchangeRate,
    string? Origin,
    string? Preference,
    string? Invoice,
    string? Rectifies,
    string? Site) : LedgerRow
{
    /// <summary>
    /// UMC discharged before the program's records in Traza begin (SPEC §3.4); null when not given or 0. Stored apart, in
    /// <c>entry_opening</c> (migration 0027).
    /// </summary>
    public decimal? DischargedBefore { get; init; }
}

/// <summary>An exit line (SPEC §4.1 exits). Pedimento in 15 digits; another document as written.</summary>
public sealed record ExitRecord(
    string Client,
    string Pedimento,
    int Partida,
    string Part,
    string Clave,
    DateOnly Date,
    decimal Qty,
    decimal? QtyUmt,
    decimal? ValueUsd,
    string? Destination,
    string? Counterparty,
    string? Case,
    DateOnly? BomDate,
    string? SourcePedimento,
    int? SourcePartida,
    string? Rectifies) : LedgerRow;

/// <summary>An events row (SPEC §4.1 events, §3.5). Type in its file name; reference '' when none.</summary>
public sealed record EventRecord(
    string Client,
    DateOnly Date,
    string Type,
    string Part,
    string Reference,
    decimal Qty,
    bool Waste,
    string? ThirdParty,
    string? Site) : LedgerRow;

/// <summary>A physical count (SPEC §3.6); site '' when none.</summary>
public sealed record CountRecord(string Client, DateOnly Date, string Part, string Site, decimal Qty) : LedgerRow;

/// <summary>
/// One import batch of the hash chain (docs/architecture.md Decision 1): <paramref name="ImportedAt"/> is the injected
/// clock's UTC time of the commit (ISO 8601), <paramref name="Operator"/> who ran the command (null for batches stored
/// before migration 0026), <paramref name="ChainVersion"/> which fields its chain hash covers (1: without operator and
/// time; 2: with them).
/// </summary>
public sealed record BatchRecord(
    long Id,
    string Layout,
    string FileName,
    string FileSha256,
    long Rows,
    string Digest,
    string PrevChainHash,
    string ChainHash,
    string ImportedAt,
    string? Operator = null,
    int ChainVersion = 1);

/// <summary>A <c>traza close</c> or <c>traza reopen</c> of a month (SPEC §5), as stored in <c>period_close</c>.</summary>
/// <param name="Action"><c>close</c> or <c>reopen</c>.</param>
/// <param name="Period">The month, <c>YYYY-MM</c>.</param>
/// <param name="Reason">Why it was reopened (null for a close).</param>
public sealed record PeriodActionRecord(string Action, string Period, string? Reason) : LedgerRow;

/// <summary>A tariffs row (SPEC §4.1): MFN rate of a fracción (+ NICO, '' when none) from a date.</summary>
public sealed record TariffRecord(string Fraccion, string Nico, decimal MfnPct, DateOnly ValidFrom, DateOnly? ValidTo) : LedgerRow;

/// <summary>A partners row (SPEC §4.1): a country's trade agreement in force from a date.</summary>
public sealed record PartnerRecord(string Country, string Agreement, DateOnly ValidFrom, DateOnly? ValidTo) : LedgerRow;

/// <summary>A rates row (SPEC §4.1): the DOF exchange rate of a date.</summary>
public sealed record RateRecord(DateOnly Date, decimal MxnPerUsd) : LedgerRow;

/// <summary>An inpc (index) or surcharges (monthly pct) row, keyed by month <c>YYYY-MM</c>.</summary>
public sealed record MonthlyRecord(string Month, decimal Value) : LedgerRow;

/// <summary>A terms row (SPEC §3.7): RuleOn kind, clave or fraccion; Months a whole number or "program".</summary>
public sealed record TermRuleRecord(string RuleOn, string Key, string Months, DateOnly ValidFrom, DateOnly? ValidTo, string? Note) : LedgerRow;

/// <summary>
/// The program's term options from one batch on (migration 0033; <c>traza init</c> and <c>traza program set</c>): the
/// optional rule sets switched on (names joined by commas, empty for none), the month-end reading (<c>last_day</c> or
/// <c>first_business_day</c>), the CFF art. 12 business-day shift, the cancellation date and the days it leaves. The
/// latest row holds the program's options; earlier rows are its history.
/// </summary>
public sealed record ProgramTermsRecord(
    string Sets, string MissingDay, bool ExtendToBusinessDay, DateOnly? CancelledOn, int CancellationWindowDays) : LedgerRow;

/// <summary>
/// A reversal (SPEC §4.1 reversals): the row at <c>TargetLine</c> of batch <c>TargetBatch</c> counts nowhere from the
/// reversal batch (<see cref="LedgerRow.BatchId"/>) on; <c>Client</c> is the reversed row's.
/// </summary>
public sealed record ReversalRecord(string Client, long TargetBatch, long TargetLine, string Reason) : LedgerRow;
