namespace Traza.Storage;

/// <summary>
/// The compact encoding of a pool segment's lot states (<c>discharge_pool.lot_state</c>, migration 0023): per lot, LEB128
/// varints of entered, discharged, waste and waste disposed (each as <see cref="AllocationCodec"/> encodes a quantity:
/// whole units when they are, else micro-units), zigzag(entry day − the previous lot's, the first from 0) and the flags, then,
/// when flag 4 is set, the lot's opening discharge (SPEC §3.4 <c>discharged_before</c>, migration 0027) as a quantity.
/// About 9 bytes per lot instead of 40, so a tail of a few open lots fits in its b-tree cell and a daily run rewrites
/// fewer pages.
/// </summary>
public static class LotStateCodec
{
    /// <summary>Encodes <paramref name="count"/> lot states from <paramref name="start"/>.</summary>
    public static byte[] Encode(IReadOnlyList<PoolLotTotals> totals, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(totals);
        Span<byte> lot = stackalloc byte[7 * 10];
        var buffer = new byte[count * 12];
        var at = 0;
        var day = 0L;
        for (var i = start; i < start + count; i++)
        {
            var t = totals[i];
            var size = AllocationCodec.WriteVar(lot, AllocationCodec.Quantity(t.Entered));
            size += AllocationCodec.WriteVar(lot[size..], AllocationCodec.Quantity(t.Discharged));
            size += AllocationCodec.WriteVar(lot[size..], AllocationCodec.Quantity(t.Waste));
            size += AllocationCodec.WriteVar(lot[size..], AllocationCodec.Quantity(t.WasteDisposed));
            size += AllocationCodec.WriteVar(lot[size..], AllocationCodec.Zig(t.EntryDay - day));
            var flags = t.Opening != 0 ? t.Flags | PoolLotTotals.OpeningFlag : t.Flags;
            size += AllocationCodec.WriteVar(lot[size..], unchecked((uint)flags));
            if (t.Opening != 0)
            {
                size += AllocationCodec.WriteVar(lot[size..], AllocationCodec.Quantity(t.Opening));
            }

            if (at + size > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, at + size));
            }

            lot[..size].CopyTo(buffer.AsSpan(at));
            at += size;
            day = t.EntryDay;
        }

        return buffer.AsSpan(0, at).ToArray();
    }

    /// <summary>Appends every lot state of <paramref name="blob"/> to <paramref name="into"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> blob, List<PoolLotTotals> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var reader = new Reader(blob);
        while (reader.Next(out var totals))
        {
            into.Add(totals);
        }
    }

    /// <summary>Reads the lot states of a blob one by one.</summary>
    public ref struct Reader(ReadOnlySpan<byte> blob)
    {
        private readonly ReadOnlySpan<byte> blob = blob;
        private int at;
        private long day;

        /// <summary>The next lot's state; false at the end of the blob.</summary>
        public bool Next(out PoolLotTotals totals)
        {
            if (at >= blob.Length)
            {
                totals = default;
                return false;
            }

            var entered = AllocationCodec.Unquantity(AllocationCodec.ReadVar(blob, ref at));
            var discharged = AllocationCodec.Unquantity(AllocationCodec.ReadVar(blob, ref at));
            var waste = AllocationCodec.Unquantity(AllocationCodec.ReadVar(blob, ref at));
            var disposed = AllocationCodec.Unquantity(AllocationCodec.ReadVar(blob, ref at));
            day += AllocationCodec.Unzig(AllocationCodec.ReadVar(blob, ref at));
            var flags = checked((int)AllocationCodec.ReadVar(blob, ref at));
            var opening = (flags & PoolLotTotals.OpeningFlag) != 0 ? AllocationCodec.Unquantity(AllocationCodec.ReadVar(blob, ref at)) : 0;
            totals = new PoolLotTotals(entered, discharged, waste, disposed, checked((int)day), flags & ~PoolLotTotals.OpeningFlag)
            {
                Opening = opening,
            };
            return true;
        }
    }
}
