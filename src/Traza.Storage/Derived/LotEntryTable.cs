using System.Text;

namespace Traza.Storage;

/// <summary>
/// One entry row as lot reports read it (<c>LedgerScan.LotEntries</c>): client, part and clave shared between rows,
/// the pedimento kept as UTF-8 in the table (<see cref="LotEntryTable.Pedimento"/>; no string per row).
/// </summary>
public readonly record struct LotEntry(
    string Client, string Part, string Clave, int PedimentoStart, int PedimentoLength, int Partida, DateOnly Date, decimal Qty,
    decimal? QtyUmt, decimal? ValueUsd);

/// <summary>The entry rows of <c>LedgerScan.LotEntries</c>, in no particular order, with their pedimentos' UTF-8 text.</summary>
public sealed class LotEntryTable
{
    // Rows in blocks of 64 Ki, so a million rows are never copied to grow nor held twice; the first block starts at 64 rows and
    // doubles up to 64 Ki, so a lookup's few dozen rows do not allocate 7 MB (large objects: a gen-2 GC every few requests).
    private const int BlockBits = 16;
    private const int BlockSize = 1 << BlockBits;
    private const int FirstBlockSize = 64;

    private readonly List<LotEntry[]> blocks = [];
    private readonly List<byte[]> texts = [];
    private readonly List<int> textLengths = [];

    public int Count { get; private set; }

    public ref readonly LotEntry this[int row] => ref blocks[row >> BlockBits][row & (BlockSize - 1)];

    /// <summary>The pedimento of a row as stored (UTF-8).</summary>
    public ReadOnlySpan<byte> Pedimento(int row)
    {
        ref readonly var e = ref this[row];
        return texts[row >> BlockBits].AsSpan(e.PedimentoStart, e.PedimentoLength);
    }

    /// <summary>The pedimento of a row as a string (decoded as <c>SqliteDataReader.GetString</c> does).</summary>
    public string PedimentoText(int row) => Encoding.UTF8.GetString(Pedimento(row));

    internal void Add(string client, string part, string clave, ReadOnlySpan<byte> pedimento, int partida, DateOnly date, decimal qty,
        decimal? qtyUmt, decimal? valueUsd)
    {
        var at = Count & (BlockSize - 1);
        if (at == 0)
        {
            var size = Count == 0 ? FirstBlockSize : BlockSize;
            blocks.Add(new LotEntry[size]);
            texts.Add(new byte[size * 16]);
            textLengths.Add(0);
        }
        else if (at == blocks[^1].Length)
        {
            var block = blocks[^1];
            Array.Resize(ref block, Math.Min(block.Length * 2, BlockSize));
            blocks[^1] = block;
        }

        var start = Append(texts.Count - 1, pedimento);
        blocks[^1][at] = new LotEntry(client, part, clave, start, pedimento.Length, partida, date, qty, qtyUmt, valueUsd);
        Count++;
    }

    /// <summary>Appends a copy of <paramref name="source"/>'s row <paramref name="row"/> (pages and lookups merge reads).</summary>
    public void Append(LotEntryTable source, int row)
    {
        ArgumentNullException.ThrowIfNull(source);
        ref readonly var e = ref source[row];
        Add(e.Client, e.Part, e.Clave, source.Pedimento(row), e.Partida, e.Date, e.Qty, e.QtyUmt, e.ValueUsd);
    }

    /// <summary>The row's position in <c>balances</c>' order before part and client.</summary>
    public LotOrderKey OrderKey(int row) => new(this[row].Date, PedimentoText(row), this[row].Partida);

    /// <summary>
    /// Makes a row count under another pedimento and date (SPEC §3.8: a rectification's row counts under the original's number
    /// and entry date); its clave, quantities and values stay its own.
    /// </summary>
    public void Rebase(int row, string pedimento, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(pedimento);
        var block = row >> BlockBits;
        var start = Append(block, Encoding.UTF8.GetBytes(pedimento));
        ref var e = ref blocks[block][row & (BlockSize - 1)];
        e = e with { PedimentoStart = start, PedimentoLength = Encoding.UTF8.GetByteCount(pedimento), Date = date };
    }

    /// <summary>Appends UTF-8 text to a block's text buffer and returns where it starts.</summary>
    private int Append(int block, ReadOnlySpan<byte> pedimento)
    {
        var text = texts[block];
        var length = textLengths[block];
        if (length + pedimento.Length > text.Length)
        {
            Array.Resize(ref text, Math.Max(text.Length * 2, length + pedimento.Length));
            texts[block] = text;
        }

        pedimento.CopyTo(text.AsSpan(length));
        textLengths[block] = length + pedimento.Length;
        return length;
    }
}

/// <summary>Receives one stored lot of <c>DischargeStore.ScanLotTotals</c>: its pool, key (pedimento as UTF-8) and totals.</summary>
public delegate void LotTotalsVisitor(string client, string part, ReadOnlySpan<byte> pedimento, int partida, in PoolLotTotals totals);

/// <summary>
/// Where an entry row stands in <c>balances</c>' order before its part and client: entry date, then pedimento and partida
/// (the pedimento compared by its UTF-8 bytes, as SQLite's BINARY and PostgreSQL's "C" collations compare).
/// </summary>
public readonly record struct LotOrderKey(DateOnly Date, string Pedimento, int Partida);

/// <summary>Where <see cref="ILedgerScans.LotEntriesInOrder"/> starts: at <see cref="Key"/> (inclusive) or just after it.</summary>
public readonly record struct LotOrderStart(LotOrderKey Key, bool Inclusive);
