namespace Traza.Storage;

/// <summary>How a stored pool splits into head and tail (migration 0021; docs/architecture.md Decision 2), for every store.</summary>
public static class PoolSegments
{
    /// <summary>
    /// Where a whole pool's tail starts: at its first lot with quantity left to discharge. Lots before it can change again
    /// only through a back-dated change, a waste disposal or an exit that names them.
    /// </summary>
    public static int TailStart(IReadOnlyList<PoolLotTotals> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        for (var k = 0; k < totals.Count; k++)
        {
            if (totals[k].Entered > totals[k].Discharged)
            {
                return k;
            }
        }

        return totals.Count;
    }
}
