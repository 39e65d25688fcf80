namespace Traza.Domain.Discharge;

/// <summary>What one unit of a product needs of one leaf component (SPEC §3.5 "Explosion").</summary>
/// <param name="Part">Part index of the leaf.</param>
/// <param name="Factor">Σ over paths of Π qty_per × (1 + merma% + desperdicio%).</param>
/// <param name="WasteFactor">
/// The desperdicio share of <paramref name="Factor"/>: Σ over paths of (Π qty_per·(1+m+d) − Π qty_per·(1+m)).
/// Scrap at any level is waste of the leaves in proportion; merma is consumed and leaves no waste.
/// </param>
public readonly record struct LeafNeed(int Part, decimal Factor, decimal WasteFactor)
{
    /// <summary><see cref="Factor"/> as an exact integer ratio (the integer fast path), else null.</summary>
    internal (long Numerator, long Divisor)? FactorRatio { get; } = FixedPoint.Ratio(Factor);

    /// <summary><see cref="WasteFactor"/> / <see cref="Factor"/> as an exact integer ratio (both at one scale), else null.</summary>
    internal (long Numerator, long Denominator)? WasteShare { get; } = Share(Factor, WasteFactor);

    private static (long, long)? Share(decimal factor, decimal waste)
    {
        if (factor == 0m)
        {
            return null;
        }

        var decimals = Math.Max(FixedPoint.Decimals(factor), FixedPoint.Decimals(waste));
        return FixedPoint.Ratio(factor, decimals) is { } f && FixedPoint.Ratio(waste, decimals) is { } w && f.Numerator > 0
            ? (w.Numerator, f.Numerator)
            : null;
    }
}

/// <summary>
/// Explodes products through the BOM version in force on a date, down to leaf components, multiplying levels out.
/// Results are cached per product and per interval between the dates on which any row of its subtree changes, so
/// a year of daily exits explodes each product version once.
/// </summary>
public sealed class BomExplosion
{
    private const int MaxDepth = 64;

    private readonly IReadOnlyList<PartDef> parts;
    private readonly List<BomLine>[] rowsByProduct;
    private readonly DateOnly[]?[] changeDates;
    private readonly Dictionary<(int Product, int Interval), LeafNeed[]> cache = [];

    // Scratch space reused by every explosion (an instance is used by one thread): only the results are allocated.
    private readonly Dictionary<int, (decimal Full, decimal Waste)> leafSums = [];
    private readonly List<int> leafOrder = [];
    private readonly List<DateOnly> dates = [];
    private readonly HashSet<int> visited = [];
    private readonly Stack<int> pending = new();

    public BomExplosion(IReadOnlyList<PartDef> parts, IReadOnlyList<BomLine> bom)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(bom);
        this.parts = parts;
        rowsByProduct = new List<BomLine>[parts.Count];
        changeDates = new DateOnly[]?[parts.Count];
        foreach (var row in bom)
        {
            (rowsByProduct[row.Product] ??= []).Add(row);
        }
    }

    /// <summary>True when the part has BOM rows at all (in force or not).</summary>
    public bool HasBom(int part) => rowsByProduct[part] is { Count: > 0 };

    /// <summary>True when the part has at least one BOM row in force on <paramref name="date"/>.</summary>
    public bool HasBomOn(int part, DateOnly date)
    {
        var rows = rowsByProduct[part];
        if (rows is null)
        {
            return false;
        }

        foreach (var row in rows)
        {
            if (row.InForceOn(date))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The leaf needs of one unit of <paramref name="product"/> on <paramref name="date"/>, national leaves excluded; a
    /// <see cref="DischargeRangeException"/> when the factors overflow a decimal.
    /// </summary>
    public LeafNeed[] Explode(int product, DateOnly date)
    {
        var dates = changeDates[product] ??= ChangeDates(product);
        var interval = UpperBound(dates, date);
        if (cache.TryGetValue((product, interval), out var cached))
        {
            return cached;
        }

        leafSums.Clear();
        leafOrder.Clear();
        try
        {
            Walk(product, date, 1m, 1m, 0, leafSums, leafOrder);
        }
        catch (OverflowException e)
        {
            // Levels of qty_per and percentages below 10^12 can still multiply beyond a decimal: refused, never a crash.
            throw DischargeRangeException.Bom(parts[product].Part, e);
        }

        var result = new LeafNeed[leafOrder.Count];
        for (var i = 0; i < leafOrder.Count; i++)
        {
            var (full, waste) = leafSums[leafOrder[i]];
            result[i] = new LeafNeed(leafOrder[i], full, waste);
        }

        cache[(product, interval)] = result;
        return result;
    }

    private void Walk(int product, DateOnly date, decimal full, decimal noWaste, int depth, Dictionary<int, (decimal, decimal)> acc, List<int> order)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"BOM of part {parts[product].Part} is deeper than {MaxDepth} levels (a cycle?).");
        }

        foreach (var row in rowsByProduct[product]!)
        {
            if (!row.InForceOn(date) || parts[row.Component].National)
            {
                continue;
            }

            var rowFull = full * row.QtyPer * (1m + (row.MermaPct / 100m) + (row.DesperdicioPct / 100m));
            var rowNoWaste = noWaste * row.QtyPer * (1m + (row.MermaPct / 100m));
            if (HasBomOn(row.Component, date))
            {
                Walk(row.Component, date, rowFull, rowNoWaste, depth + 1, acc, order);
                continue;
            }

            if (acc.TryGetValue(row.Component, out var sum))
            {
                acc[row.Component] = (sum.Item1 + rowFull, sum.Item2 + (rowFull - rowNoWaste));
            }
            else
            {
                acc[row.Component] = (rowFull, rowFull - rowNoWaste);
                order.Add(row.Component);
            }
        }
    }

    /// <summary>Every date on which a row reachable from <paramref name="product"/> comes into or goes out of force.</summary>
    private DateOnly[] ChangeDates(int product)
    {
        dates.Clear();
        visited.Clear();
        pending.Clear();
        pending.Push(product);
        while (pending.Count > 0)
        {
            var p = pending.Pop();
            if (!visited.Add(p) || rowsByProduct[p] is not { } rows)
            {
                continue;
            }

            foreach (var row in rows)
            {
                dates.Add(row.ValidFrom);
                if (row.ValidTo is { } to && to < DateOnly.MaxValue)
                {
                    dates.Add(to.AddDays(1));
                }

                pending.Push(row.Component);
            }
        }

        dates.Sort();
        var distinct = new List<DateOnly>(dates.Count);
        foreach (var d in dates)
        {
            if (distinct.Count == 0 || distinct[^1] != d)
            {
                distinct.Add(d);
            }
        }

        return [.. distinct];
    }

    /// <summary>The number of change dates ≤ <paramref name="date"/>: the index of the interval holding it.</summary>
    private static int UpperBound(DateOnly[] dates, DateOnly date)
    {
        int lo = 0, hi = dates.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (dates[mid] <= date)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
