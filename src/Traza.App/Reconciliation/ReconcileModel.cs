namespace Traza.App.Reconciliation;

/// <summary>The values of the <c>finding</c> column of <c>traza report reconcile</c> (SPEC §3.10), exactly, in its order.</summary>
public static class FindingKinds
{
    public const string MissingInLedger = "missing_in_ledger";
    public const string MissingInDataStage = "missing_in_datastage";
    public const string NotInAnnex24 = "not_in_annex24";
    public const string PartidaMissingInLedger = "partida_missing_in_ledger";
    public const string PartidaMissingInDataStage = "partida_missing_in_datastage";
    public const string ClaveDiffers = "clave_differs";
    public const string FraccionDiffers = "fraccion_differs";
    public const string OriginDiffers = "origin_differs";
    public const string DateDiffers = "date_differs";
    public const string QtyUmtDiffers = "qty_umt_differs";
    public const string ValueUsdDiffers = "value_usd_differs";
    public const string DescargoDiffers = "descargo_differs";
    public const string RectificationPending = "rectification_pending";
    public const string DirectedSourceShort = "directed_source_short";

    /// <summary>Every kind in SPEC §3.10's order, which is the order of the report.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        MissingInLedger, MissingInDataStage, NotInAnnex24, PartidaMissingInLedger, PartidaMissingInDataStage, ClaveDiffers,
        FraccionDiffers, OriginDiffers, DateDiffers, QtyUmtDiffers, ValueUsdDiffers, DescargoDiffers, RectificationPending,
        DirectedSourceShort,
    ];

    /// <summary>The position of a kind in <see cref="All"/>, for ordering.</summary>
    public static int Rank(string kind)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], kind, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return All.Count;
    }
}

/// <summary>
/// One row of <c>traza report reconcile</c> (SPEC §3.10, §6): both values as text, the difference (government − ledger:
/// a number, or days for a date; empty for text) and advice in plain words. <paramref name="Source"/> names where the
/// government value came from (<c>datastage</c>, or <c>ledger</c> for the discharge's own findings).
/// </summary>
public sealed record ReconcileFinding(
    string Finding,
    string Pedimento,
    int? Partida,
    string Field,
    string? Ledger,
    string? DataStage,
    string? Difference,
    string Advice,
    string Source);

/// <summary>
/// How far two values may differ before it is a finding (SPEC §3.10: 0.001 UMT and USD 1.00 by default; options
/// <c>--qty-tolerance</c> and <c>--value-tolerance</c>, docs/cli.md).
/// </summary>
public sealed record ReconcileTolerances(decimal QtyUmt, decimal ValueUsd)
{
    public static ReconcileTolerances Default { get; } = new(0.001m, 1.00m);
}

/// <summary>A pedimento as the ledger holds it: its entry or exit rows grouped by partida.</summary>
public sealed class LedgerPedimento(string pedimento, string operation)
{
    public string Pedimento { get; } = pedimento;

    /// <summary><c>import</c> (entries) or <c>export</c> (exits).</summary>
    public string Operation { get; } = operation;

    /// <summary>Every clave its rows carry (one, unless the file disagreed with itself).</summary>
    public SortedSet<string> Claves { get; } = new(StringComparer.Ordinal);

    /// <summary>The earliest date of its rows.</summary>
    public DateOnly Date { get; set; } = DateOnly.MaxValue;

    /// <summary>The pedimento numbers its rows say they rectify (the <c>rectifies</c> column).</summary>
    public SortedSet<string> Rectifies { get; } = new(StringComparer.Ordinal);

    /// <summary>By number: a sorted list, not a tree (1.5 M partidas on `large`: a node object each; rows come in partida order).</summary>
    public SortedList<int, LedgerPartida> Partidas { get; } = [];

    /// <summary>For an exit: Traza's 512 block — its allocations by original pedimento and fracción, in UMT.</summary>
    public List<LedgerDescargo> Descargos { get; } = [];
}

/// <summary>One line of the 512 block Traza computes for an exit (<c>report descargos</c>).</summary>
public readonly record struct LedgerDescargo(string Original, string Fraccion, string Umt, decimal QtyUmt);

/// <summary>
/// One 512 row of Data Stage. A row without a fracción or with a quantity of zero only references its original
/// pedimento (brokers write thousands of those on V1/V5 transfers): it is compared by presence, not by quantity.
/// </summary>
public readonly record struct GovernmentDescargo(string Original, string? Fraccion, string? Umt, decimal? QtyUmt)
{
    public bool IsReference => Fraccion is not { Length: > 0 } || QtyUmt is not { } qty || qty == 0;
}

/// <summary>A partida of a ledger pedimento: the sum of its parts' rows (SPEC §3.10: quantities in UMT, values in USD).</summary>
public sealed class LedgerPartida(int partida)
{
    public int Partida { get; } = partida;

    /// <summary>The fracciones of its parts (from the parts catalog).</summary>
    public SmallSortedSet<string> Fracciones { get; } = new(StringComparer.Ordinal);

    /// <summary>The origins of its rows (the row's origin, else the part's).</summary>
    public SmallSortedSet<string> Origins { get; } = new(StringComparer.Ordinal);

    /// <summary>(client, part) of its rows.</summary>
    public SmallSortedSet<(string Client, string Part)> Parts { get; } = new(Comparer<(string Client, string Part)>.Default);

    /// <summary>Σ qty_umt: the row's own, else qty × the part's umt_per_umc.</summary>
    public decimal QtyUmt { get; set; }

    /// <summary>Σ qty in UMC.</summary>
    public decimal QtyUmc { get; set; }

    /// <summary>True when some row's qty_umt came from the part's umt_per_umc rather than the file.</summary>
    public bool UmtFromFactor { get; set; }

    /// <summary>Σ value_usd, or null when a row has none (then it is not compared).</summary>
    public decimal? ValueUsd { get; set; } = 0;
}

/// <summary>A pedimento as Data Stage declares it (501, 506, 551, 701).</summary>
public sealed class GovernmentPedimentoData(string pedimento)
{
    public string Pedimento { get; } = pedimento;

    /// <summary>
    /// Where SAT's side came from: <c>datastage</c>, or <c>m3</c> for a pedimento the broker's validated M3 file declares
    /// and no Data Stage package holds yet (SPEC §4.2); the <c>source</c> of its findings.
    /// </summary>
    public string Source { get; set; } = "datastage";

    public string? Operation { get; set; }

    public string? Clave { get; set; }

    /// <summary>501 TipoPedimento (2 = rectification).</summary>
    public long? TipoPedimento { get; set; }

    /// <summary>501 FechaPagoReal.</summary>
    public DateOnly? PaymentDate { get; set; }

    /// <summary>506 TipoFecha 1 (fecha de entrada), for imports.</summary>
    public DateOnly? EntryDate { get; set; }

    /// <summary>For a rectification: the pedimento it rectifies (701 PedimentoAnterior, 15 digits).</summary>
    public string? Rectifies { get; set; }

    /// <summary>By number (a sorted list, as the ledger's).</summary>
    public SortedList<int, GovernmentPartidaData> Partidas { get; } = [];

    /// <summary>Its 512 rows (descargos), for an exit whose broker transmitted them.</summary>
    public List<GovernmentDescargo> Descargos { get; } = [];

    /// <summary>The date SPEC §3.10 compares the ledger's with: 506 TipoFecha 1 for imports, else the payment date.</summary>
    public DateOnly? ComparedDate => Operation == "import" ? EntryDate ?? PaymentDate : PaymentDate;
}

/// <summary>A 551 partida.</summary>
public readonly record struct GovernmentPartidaData(string? Fraccion, string? Origin, decimal? QtyUmt, string? Umt, decimal? ValueUsd);
