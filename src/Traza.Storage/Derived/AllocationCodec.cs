namespace Traza.Storage;

/// <summary>
/// The compact encoding of a chunk of allocations (migration 0010): the first day, then per allocation, LEB128 varints of
/// zigzag(movement − previous movement), day − previous day (never negative: processing order is by date),
/// the lot index, and qty and waste each as <c>units &lt;&lt; 1</c> when a whole number of units, else
/// <c>micro &lt;&lt; 1 | 1</c>. Typical allocations take 8–12 bytes instead of 32.
/// </summary>
public static class AllocationCodec
{
    private const long MicroPerUnit = 1_000_000;

    /// <summary>An upper bound of the encoded size of <paramref name="count"/> allocations.</summary>
    public static int MaxSize(int count) => checked(10 + (count * 50));

    /// <summary>Encodes <paramref name="allocations"/> (processing order) into <paramref name="target"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<PackedAllocation> allocations, Span<byte> target)
    {
        if (allocations.IsEmpty)
        {
            return 0;
        }

        var at = 0;
        long movement = 0;
        var day = allocations[0].Day;
        at += WriteVar(target[at..], Zig(day));
        foreach (var a in allocations)
        {
            at += WriteVar(target[at..], Zig(a.Movement - movement));
            at += WriteVar(target[at..], Zig(a.Day - (long)day));
            at += WriteVar(target[at..], (ulong)a.Lot);
            at += WriteVar(target[at..], Quantity(a.Qty));
            at += WriteVar(target[at..], Quantity(a.Waste));
            movement = a.Movement;
            day = a.Day;
        }

        return at;
    }

    /// <summary>Decodes <paramref name="count"/> allocations of <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> source, int count, Span<PackedAllocation> target)
    {
        var at = 0;
        long movement = 0;
        var day = count == 0 ? 0L : Unzig(ReadVar(source, ref at));
        for (var i = 0; i < count; i++)
        {
            movement += Unzig(ReadVar(source, ref at));
            day += Unzig(ReadVar(source, ref at));
            var lot = checked((int)ReadVar(source, ref at));
            var qty = Unquantity(ReadVar(source, ref at));
            var waste = Unquantity(ReadVar(source, ref at));
            target[i] = new PackedAllocation(movement, checked((int)day), lot, qty, waste);
        }

        if (at != source.Length)
        {
            throw new InvalidDataException($"allocation chunk: {source.Length - at} bytes left after {count} allocations");
        }
    }

    internal static ulong Quantity(long micro) =>
        micro % MicroPerUnit == 0 ? Zig(micro / MicroPerUnit) << 1 : (Zig(micro) << 1) | 1;

    internal static long Unquantity(ulong value) =>
        (value & 1) == 0 ? checked(Unzig(value >> 1) * MicroPerUnit) : Unzig(value >> 1);

    internal static ulong Zig(long value) => unchecked((ulong)((value << 1) ^ (value >> 63)));

    internal static long Unzig(ulong value) => unchecked((long)(value >> 1) ^ -(long)(value & 1));

    internal static int WriteVar(Span<byte> target, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            target[i++] = unchecked((byte)(value | 0x80));
            value >>= 7;
        }

        target[i++] = unchecked((byte)value);
        return i;
    }

    internal static ulong ReadVar(ReadOnlySpan<byte> source, ref int at)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            if (at >= source.Length || shift > 63)
            {
                throw new InvalidDataException("discharge data: truncated varint");
            }

            var b = source[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }
}
