using System.Buffers.Binary;

namespace Traza.Storage.Sqlite;

/// <summary>One stored discharge run (docs/architecture.md Decision 2).</summary>
public sealed record DischargeRunRecord(
    long Id, DateOnly AsOf, string LedgerHead, string StartedAt, string FinishedAt, long Consumptions, long Allocations, long Shortages);

/// <summary>A lot of a pool: its pedimento (15 digits, or a NAC document as written) and partida.</summary>
public readonly record struct PoolLotKey(string Pedimento, int Partida);

/// <summary>Totals of one lot in micro-UMC.</summary>
public readonly record struct PoolLotTotals(long Entered, long Discharged, long Waste, long WasteDisposed);

/// <summary>One packed allocation: 32 bytes in the pool BLOB.</summary>
/// <param name="Movement">The movement id: batch_id &lt;&lt; 32 | line of the exit or event row.</param>
/// <param name="Day">The movement's date as <see cref="DateOnly.DayNumber"/>.</param>
/// <param name="Lot">Index of the lot in the pool's <see cref="StoredPool.LotKeys"/>.</param>
/// <param name="Qty">Micro-UMC taken from the lot.</param>
/// <param name="Waste">The desperdicio share of <paramref name="Qty"/> in micro-UMC.</param>
public readonly record struct PackedAllocation(long Movement, int Day, int Lot, long Qty, long Waste)
{
    public const int Size = 32;

    public DateOnly Date => DateOnly.FromDayNumber(Day);

    public void Write(Span<byte> target)
    {
        BinaryPrimitives.WriteInt64LittleEndian(target, Movement);
        BinaryPrimitives.WriteInt32LittleEndian(target[8..], Day);
        BinaryPrimitives.WriteInt32LittleEndian(target[12..], Lot);
        BinaryPrimitives.WriteInt64LittleEndian(target[16..], Qty);
        BinaryPrimitives.WriteInt64LittleEndian(target[24..], Waste);
    }

    public static PackedAllocation Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]));

    /// <summary>The movement id of a ledger row: its batch and its line in that batch's file.</summary>
    public static long MovementId(long batchId, long line) => (batchId << 32) | line;

    public static (long BatchId, long Line) SplitMovement(long movement) => (movement >> 32, movement & 0xFFFF_FFFF);
}

/// <summary>The derived state of one pool (client, part).</summary>
public sealed class StoredPool
{
    public required string Client { get; init; }

    public required string Part { get; init; }

    public required IReadOnlyList<PoolLotKey> LotKeys { get; init; }

    public required IReadOnlyList<PoolLotTotals> LotTotals { get; init; }

    /// <summary>Packed <see cref="PackedAllocation"/> records in processing order.</summary>
    public required byte[] Allocations { get; init; }

    public int AllocationCount => Allocations.Length / PackedAllocation.Size;

    public PackedAllocation AllocationAt(int index) =>
        PackedAllocation.Read(Allocations.AsSpan(index * PackedAllocation.Size, PackedAllocation.Size));
}

/// <summary>A stored shortage (faltante) of one (movement, leaf part).</summary>
public sealed record StoredShortage(string Client, long Movement, string Part, string MovementKind, string Document, DateOnly Date, decimal Qty);

/// <summary>Waste disposed of from one lot by a waste event.</summary>
public sealed record StoredWasteDisposal(string Client, long Movement, string Part, string Pedimento, int Partida, DateOnly Date, decimal Qty);

/// <summary>A finding of a discharge run.</summary>
public sealed record StoredFinding(
    string Client, string Code, long Movement, string Document, DateOnly Date, string Part, string Pedimento, int? Partida, decimal Qty, string Detail);
