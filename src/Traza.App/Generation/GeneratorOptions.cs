namespace Traza.App.Generation;

/// <summary>The shape of a generated program: volumes, dates and the share of special cases.</summary>
public sealed record GeneratorOptions
{
    public required int Seed { get; init; }

    /// <summary>Client ids; '' is the program's own rows.</summary>
    public required IReadOnlyList<string> Clients { get; init; }

    public required int MaterialsPerClient { get; init; }

    public required int SubassembliesPerClient { get; init; }

    public required int ProductsPerClient { get; init; }

    /// <summary>Leaf components of each product (distinct), spread over 1–3 BOM levels.</summary>
    public required int LeavesPerProduct { get; init; }

    public required int MachineryPerClient { get; init; }

    /// <summary>Entry lines (pedimento partidas × parts) over all clients.</summary>
    public required int EntryLines { get; init; }

    /// <summary>Exit lines of finished goods over all clients.</summary>
    public required int ExitLines { get; init; }

    /// <summary>First day of operations (entries start here; exits two weeks later).</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Last day of operations.</summary>
    public required DateOnly End { get; init; }

    /// <summary>Share of materials bought in Mexico (source national).</summary>
    public double NationalShare { get; init; } = 0.04;

    /// <summary>Supply over planned consumption for ordinary materials (1.1 = 10 % more entered than used).</summary>
    public double SupplyRatio { get; init; } = 1.12;

    /// <summary>
    /// When set, each material's lots arrive over the part of the period it is used in (up to 30 days before its last use)
    /// instead of over the whole period, so a material a BOM version stops using mid-period is not short before then.
    /// </summary>
    public bool SupplyFollowsUse { get; init; }

    /// <summary>
    /// How far (in lot intervals, 0 to 1) a lot's arrival may fall after its even spot in the period; 1 (default) = anywhere
    /// up to the next spot. Smaller values keep supply closer ahead of use.
    /// </summary>
    public double EntryJitter { get; init; } = 1.0;

    /// <summary>Materials per client deliberately under-supplied (they end in shortages).</summary>
    public int ShortMaterialsPerClient { get; init; }

    /// <summary>Supply over planned consumption for the <see cref="ShortMaterialsPerClient"/> materials (0.9 = 10 % short).</summary>
    public double ShortSupplyRatio { get; init; } = 0.9;

    /// <summary>Extra lots per client entered this many days before <see cref="Start"/> and never fully used (expired lots).</summary>
    public int OldLotsPerClient { get; init; }

    public int OldLotsDaysBeforeStart { get; init; } = 600;

    /// <summary>
    /// With each old lot comes a slow mover: a large lot of a rarely used material entered this many days after
    /// <see cref="Start"/>, plus a random 0 to <see cref="SlowLotsSpreadDays"/> − 1 days (it nears its deadline).
    /// </summary>
    public int SlowLotsDaysAfterStart { get; init; } = 5;

    /// <summary>The spread of the slow movers' entry dates (days; see <see cref="SlowLotsDaysAfterStart"/>).</summary>
    public int SlowLotsSpreadDays { get; init; } = 20;

    /// <summary>Share of products that get a second BOM version in mid-period.</summary>
    public double BomVersionShare { get; init; } = 0.2;

    /// <summary>Waste destruction events per client (each disposes of a fifth of a material's planned waste).</summary>
    public int WasteEventsPerClient { get; init; } = 2;

    /// <summary>
    /// Every this many exit pedimentos, two are transfers instead of retornos: the 8th of each run of this many is a V1
    /// (a transfer to another IMMEX program) and the 18th a V5 (to a resident in Mexico); 0 = none, every exit is RT. Their
    /// brokers transmit descargos, so the package holds their 512 rows (docs/cli.md <c>traza gen</c>).
    /// </summary>
    public int TransferEvery { get; init; }

    /// <summary>
    /// When set, also write <c>datastage.zip</c>: the SAT Data Stage package of the generated pedimentos, requested
    /// for this RFC (the program must be initialized with it, else the import refuses the package).
    /// </summary>
    public string? DataStageRfc { get; init; }

    /// <summary>The taxpayer's name in the package (501.NombreContribuyente); fictitious.</summary>
    public string ProgramName { get; init; } = "MANUFACTURAS EJEMPLO DEL NORTE SA DE CV";

    /// <summary>The IMMEX program number in the package's 507 IM identifiers; fictitious.</summary>
    public string ImmexNumber { get; init; } = "2019-9001";
}
