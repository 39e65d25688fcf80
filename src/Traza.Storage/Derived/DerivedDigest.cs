using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Traza.Storage;

/// <summary>
/// The digest of the stored derived data (migration 0028, docs/architecture.md Decision 2): per derived table, how many rows
/// it holds and the sum modulo 2^256 of the SHA-256 of each row's canonical bytes (<see cref="DerivedRowHasher"/>). A sum
/// does not depend on row order, so a full run adds every row it writes, an incremental run subtracts the rows it deletes
/// (read back as it deletes them) and adds the ones it writes, and <c>audit verify</c> recomputes the sums over every row
/// and compares table by table. The run row is a row of <c>discharge_run</c> like any other: its as-of date, last batch and
/// ledger head are digested, which ties the derived data to the ledger the run saw.
/// </summary>
public sealed class DerivedDigest
{
    /// <summary>The derived tables, each with its digested columns in canonical order (RETURNING and SELECT lists).</summary>
    public static readonly IReadOnlyList<DerivedTable> Tables =
    [
        new("discharge_run", "the run record",
            "program_id, id, as_of, ledger_head, started_at, finished_at, consumptions, allocations, shortages, last_batch, day_counts"),
        new("discharge_catalog", "the catalog", "program_id, data"),
        new("discharge_pool", "lot states", "program_id, segment, client, part, first_lot, run_id, lot_keys, lot_state"),
        new("discharge_alloc", "allocation chunks", "program_id, client, part, period, seq, last_day, count, allocations"),
        new("discharge_shortage", "shortages", "program_id, client, movement, part, movement_kind, document, date, qty"),
        new("discharge_waste_disposal", "waste disposals", "program_id, client, movement, part, pedimento, partida, date, qty"),
        new("discharge_finding", "findings",
            "program_id, seq, client, code, movement, document, date, part, pedimento, partida, qty, detail"),
        new("discharge_reservation", "work-order reservations",
            "program_id, client, work_order, leaf, part, pedimento, partida, date, qty, waste"),
        new("discharge_kit_draw", "kit draws", "program_id, client, work_order, movement, part, date, kits"),
    ];

    public const int Run = 0;
    public const int Catalog = 1;
    public const int Pool = 2;
    public const int Alloc = 3;
    public const int Shortage = 4;
    public const int WasteDisposal = 5;
    public const int Finding = 6;
    public const int Reservation = 7;
    public const int KitDraw = 8;

    /// <summary>Tables a digest written before them lacks (migration 0036): read as empty.</summary>
    private const int TablesBefore0036 = 7;

    private readonly long[] rows = new long[Tables.Count];
    private readonly ulong[] sums = new ulong[Tables.Count * 4];

    /// <summary>Rows of table <paramref name="table"/> (an index into <see cref="Tables"/>).</summary>
    public long Rows(int table) => rows[table];

    /// <summary>The sum of table <paramref name="table"/>'s row hashes as 64 hex digits.</summary>
    public string Sum(int table)
    {
        Span<byte> bytes = stackalloc byte[32];
        for (var limb = 0; limb < 4; limb++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes[((3 - limb) * 8)..], sums[(table * 4) + limb]);
        }

        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or removes (-1) one row's 32-byte hash.</summary>
    public void Add(int table, ReadOnlySpan<byte> hash, int sign)
    {
        var at = table * 4;
        if (sign > 0)
        {
            rows[table] = checked(rows[table] + 1);
            var carry = 0UL;
            for (var limb = 0; limb < 4; limb++)
            {
                var value = BinaryPrimitives.ReadUInt64LittleEndian(hash[(limb * 8)..]);
                var sum = unchecked(sums[at + limb] + value);
                var next = sum < value ? 1UL : 0UL;
                sum = unchecked(sum + carry);
                next |= sum < carry ? 1UL : 0UL;
                sums[at + limb] = sum;
                carry = next;
            }
        }
        else
        {
            rows[table] = checked(rows[table] - 1);
            var borrow = 0UL;
            for (var limb = 0; limb < 4; limb++)
            {
                var value = BinaryPrimitives.ReadUInt64LittleEndian(hash[(limb * 8)..]);
                var before = sums[at + limb];
                var difference = unchecked(before - value - borrow);
                borrow = before < value || (before == value && borrow == 1) ? 1UL : 0UL;
                sums[at + limb] = difference;
            }
        }
    }

    /// <summary>Adds another digest's rows and sums (one that only removed rows holds their negation).</summary>
    public void Merge(DerivedDigest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var t = 0; t < Tables.Count; t++)
        {
            rows[t] = checked(rows[t] + other.rows[t]);
            var carry = 0UL;
            for (var limb = 0; limb < 4; limb++)
            {
                var value = other.sums[(t * 4) + limb];
                var sum = unchecked(sums[(t * 4) + limb] + value);
                var next = sum < value ? 1UL : 0UL;
                sum = unchecked(sum + carry);
                next |= sum < carry ? 1UL : 0UL;
                sums[(t * 4) + limb] = sum;
                carry = next;
            }
        }
    }

    /// <summary>Whether table <paramref name="table"/> has the same rows and sum in both digests.</summary>
    public bool SameTable(DerivedDigest other, int table)
    {
        ArgumentNullException.ThrowIfNull(other);
        return rows[table] == other.rows[table] && sums.AsSpan(table * 4, 4).SequenceEqual(other.sums.AsSpan(table * 4, 4));
    }

    /// <summary>
    /// The stored form (<c>discharge_run.derived_digest</c>): one line per table, <c>name rows sum</c>, in
    /// <see cref="Tables"/> order.
    /// </summary>
    public string Format()
    {
        var text = new StringBuilder();
        for (var t = 0; t < Tables.Count; t++)
        {
            text.Append(Tables[t].Name).Append(' ').Append(rows[t].ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(Sum(t)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The digest <see cref="Format"/> wrote, or null when <paramref name="text"/> is not one.</summary>
    public static DerivedDigest? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != Tables.Count && lines.Length != TablesBefore0036)
        {
            return null;
        }

        var digest = new DerivedDigest();
        for (var t = 0; t < lines.Length; t++)
        {
            var parts = lines[t].Split(' ');
            if (parts.Length != 3 || parts[0] != Tables[t].Name || parts[2].Length != 64
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return null;
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromHexString(parts[2]);
            }
            catch (FormatException)
            {
                return null;
            }

            digest.rows[t] = count;
            for (var limb = 0; limb < 4; limb++)
            {
                digest.sums[(t * 4) + limb] = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan((3 - limb) * 8));
            }
        }

        return digest;
    }
}

/// <summary>A derived table: its name, what it holds (for messages) and its digested columns.</summary>
public sealed record DerivedTable(string Name, string Holds, string Columns)
{
    /// <summary>How many columns <see cref="Columns"/> lists.</summary>
    public int ColumnCount { get; } = Columns.Split(',').Length;
}

/// <summary>
/// Hashes one derived row: SHA-256 over the table's name, a NUL, then each column in <see cref="DerivedTable.Columns"/> order
/// as a type tag and its value — <c>i</c> and 8 little-endian bytes for an integer, <c>t</c> or <c>b</c> with a 4-byte
/// length and the bytes for text (UTF-8) or a blob, <c>n</c> for NULL, <c>r</c> and 8 bytes for a real (never written by
/// Traza). The writer feeds the values it binds; the checker feeds the values SQLite returns; both end in
/// <see cref="AddTo"/>. Single-threaded.
/// </summary>
public sealed class DerivedRowHasher : IDisposable
{
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] hash = new byte[32];
    private byte[] utf8 = new byte[256];

    public DerivedRowHasher Begin(int table)
    {
        sha.AppendData(Encoding.ASCII.GetBytes(DerivedDigest.Tables[table].Name));
        sha.AppendData([0]);
        return this;
    }

    public DerivedRowHasher Integer(long value)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = (byte)'i';
        BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], value);
        sha.AppendData(bytes);
        return this;
    }

    public DerivedRowHasher Real(double value)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = (byte)'r';
        BinaryPrimitives.WriteDoubleLittleEndian(bytes[1..], value);
        sha.AppendData(bytes);
        return this;
    }

    public DerivedRowHasher Null()
    {
        sha.AppendData("n"u8);
        return this;
    }

    public DerivedRowHasher Text(string value)
    {
        var size = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < size)
        {
            utf8 = new byte[Math.Max(size, utf8.Length * 2)];
        }

        return TextUtf8(utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, utf8)));
    }

    public DerivedRowHasher TextUtf8(ReadOnlySpan<byte> value) => Bytes((byte)'t', value);

    public DerivedRowHasher Blob(ReadOnlySpan<byte> value) => Bytes((byte)'b', value);

    /// <summary>A nullable integer column.</summary>
    public DerivedRowHasher Integer(long? value) => value is { } v ? Integer(v) : Null();

    /// <summary>Ends the row and adds its hash to (or, with <paramref name="sign"/> -1, removes it from) the digest.</summary>
    public void AddTo(DerivedDigest digest, int table, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(digest);
        _ = sha.GetHashAndReset(hash);
        digest.Add(table, hash, sign);
    }

    public void Dispose() => sha.Dispose();

    private DerivedRowHasher Bytes(byte tag, ReadOnlySpan<byte> value)
    {
        Span<byte> head = stackalloc byte[5];
        head[0] = tag;
        BinaryPrimitives.WriteInt32LittleEndian(head[1..], value.Length);
        sha.AppendData(head);
        sha.AppendData(value);
        return this;
    }
}
