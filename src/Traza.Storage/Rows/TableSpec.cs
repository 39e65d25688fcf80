namespace Traza.Storage;

/// <summary>
/// A ledger table as the batch writer sees it: its key columns after <c>program_id</c> and its content columns.
/// <c>batch_id</c> and <c>line</c> are appended unless <c>line</c> is part of the key (events).
/// </summary>
public sealed record TableSpec(string Name, IReadOnlyList<string> Key, IReadOnlyList<string> Content)
{
    public bool LineInKey { get; } = Key.Contains("line");

    /// <summary>Key and content columns: the values of an <see cref="EncodedRow"/> of this table.</summary>
    public int Columns => Key.Count + Content.Count;

    public static TableSpec Program { get; } = new("program", [], ["rfc", "name", "immex", "modality", "valid_from", "valid_to"]);

    public static TableSpec Client { get; } = new("client", ["client"], ["name", "parent", "since"]);

    public static TableSpec Part { get; } = new(
        "part",
        ["client", "part"],
        ["description", "kind", "fraccion", "nico", "umc", "umt", "umt_per_umc", "origin", "source"]);

    public static TableSpec Bom { get; } = new(
        "bom",
        ["client", "product", "component", "valid_from"],
        ["qty_per", "merma_pct", "desperdicio_pct", "valid_to"]);

    public static TableSpec Entry { get; } = new(
        "entry",
        ["client", "pedimento", "partida", "part"],
        ["clave", "date", "qty", "qty_umt", "value_usd", "customs_value_mxn", "exchange_rate", "origin", "preference", "invoice",
         "rectifies", "site"]);

    /// <summary>
    /// A lot's opening discharge (SPEC §3.4 <c>discharged_before</c>, migration 0027): same key, batch and line as its entry.
    /// </summary>
    public static TableSpec EntryOpening { get; } = new("entry_opening", ["client", "pedimento", "partida", "part"], ["discharged_before"]);

    public static TableSpec Exit { get; } = new(
        "exit",
        ["client", "pedimento", "partida", "part"],
        ["clave", "date", "qty", "qty_umt", "value_usd", "destination", "counterparty", "exit_case", "bom_date", "source_pedimento",
         "source_partida", "rectifies"]);

    public static TableSpec Event { get; } = new(
        "event",
        ["client", "date", "type", "part", "reference", "line"],
        ["qty", "waste", "third_party", "site"]);

    public static TableSpec Count { get; } = new("count_row", ["client", "date", "part", "site"], ["qty"]);

    public static TableSpec Tariff { get; } = new("tariff", ["client", "fraccion", "nico", "valid_from"], ["mfn_pct", "valid_to"]);

    public static TableSpec Partner { get; } = new("partner", ["client", "country", "agreement", "valid_from"], ["valid_to"]);

    public static TableSpec Rate { get; } = new("rate", ["client", "date"], ["mxn_per_usd"]);

    public static TableSpec Inpc { get; } = new("inpc", ["client", "month"], ["idx"]);

    public static TableSpec Surcharge { get; } = new("surcharge", ["client", "month"], ["pct"]);

    /// <summary>Period close and reopen actions (migration 0026); <c>seq</c> is the id of the batch that recorded one.</summary>
    public static TableSpec PeriodClose { get; } = new("period_close", ["client", "seq"], ["action", "period", "reason"]);

    /// <summary>The program's term options (migration 0033); <c>seq</c> is the id of the batch that recorded them.</summary>
    public static TableSpec ProgramTerms { get; } = new(
        "program_terms",
        ["client", "seq"],
        ["term_sets", "missing_day", "business_day", "cancelled_on", "cancellation_days"]);

    public static TableSpec TermRule { get; } = new(
        "term_rule",
        ["client", "rule_on", "rule_key", "valid_from"],
        ["months", "valid_to", "note"]);

    /// <summary>A reversal (SPEC §4.1 reversals, migration 0025): the reversed row's batch and line, and why.</summary>
    public static TableSpec Reversal { get; } = new("reversal", ["client", "target_batch", "target_line"], ["reason"]);
}
