using System.Globalization;
using System.Collections.Concurrent;
using Traza.App.Periods;
using Traza.App.Progress;
using Traza.Formats.Layouts;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// What one layout import works with: the open batch, the file's name, the parts already in the ledger, and the
/// counters. Its helpers turn a bad field or a conflicting key into the <see cref="AppException"/> of SPEC §5.
/// </summary>
public sealed class ImportContext
{
    private readonly List<IPendingAppends> queues = [];
    private PartIndex? parts;
    private ClosedPeriods? closed;

    public ImportContext(ITrazaStore store, ILedgerBatch batch, string fileName, IWorkProgress? progress = null)
    {
        Store = store;
        Batch = batch;
        FileName = fileName;
        Progress = progress ?? NoProgress.Instance;
    }

    /// <summary>Where the rows read are reported (SPEC §5: progress on a terminal, quiet when redirected).</summary>
    public IWorkProgress Progress { get; }

    public ITrazaStore Store { get; }

    public ILedgerBatch Batch { get; }

    public string FileName { get; }

    public long Inserted { get; private set; }

    public long Skipped { get; private set; }

    /// <summary>
    /// What the file holds that is accepted but deserves a look (e.g. a V1/V5 exit without the counterparty's RFC or IMMEX
    /// number), in file order: <c>file F, line N, column C: …</c>.
    /// </summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Records a warning about <paramref name="line"/>'s <paramref name="column"/>; the row is still imported.</summary>
    public void Warn(long line, string column, string text) =>
        Warnings.Add(new LayoutError(FileName, line, column, text).ToString());

    /// <summary>Parts by (client, part), as of the start of this import plus the ones it adds.</summary>
    public PartIndex Parts
    {
        get
        {
            if (parts is null)
            {
                parts = new PartIndex();
                foreach (var p in Store.LoadParts())
                {
                    parts.TryAdd((p.Client, p.Part), p);
                }
            }

            return parts;
        }
    }

    /// <summary>The closed periods as this import began (SPEC §5).</summary>
    public ClosedPeriods Closed => closed ??= ClosedPeriods.Load(Store);

    /// <summary>
    /// A conflict (exit 4) when a row this import inserted is dated in a closed period (SPEC §5). A row whose key already
    /// holds the same content changes nothing and passes, so a cumulative file may repeat closed months' rows.
    /// </summary>
    public void RequireOpen(InsertResult result, DateOnly date, long line, string column = "date")
    {
        if (result.Outcome == InsertOutcome.Inserted)
        {
            Closed.RequireOpen(date, FileName, line, column);
        }
    }

    /// <summary>As <see cref="RequireOpen"/> for a dated version (BOM row, term rule) in force from <paramref name="validFrom"/>.</summary>
    public void RequireStartsAfter(InsertResult result, DateOnly? validFrom, long line, string what)
    {
        if (result.Outcome == InsertOutcome.Inserted)
        {
            Closed.RequireStartsAfter(validFrom, FileName, line, what);
        }
    }

    /// <summary>
    /// Invalid input (exit 3) at a line and column. The rows queued before it are settled first, so an earlier row's conflict
    /// is the error reported, as when every row was appended at once (SPEC §4.1: the first error in file order).
    /// </summary>
    public AppException Invalid(long line, string? column, string expected)
    {
        SettleAppends();
        return AppException.Invalid(new LayoutError(FileName, line, column, expected).ToString());
    }

    /// <summary>A queue of chunked appends to <paramref name="table"/>, settled by <see cref="SettleAppends"/>.</summary>
    internal AppendQueue<T> Appends<T>(TableSpec table, Action<T, InsertResult> settle)
    {
        var queue = new AppendQueue<T>(Batch, table, settle);
        queues.Add(queue);
        return queue;
    }

    /// <summary>Appends and settles every queued row, in the order the queues were made.</summary>
    public void SettleAppends()
    {
        foreach (var queue in queues)
        {
            queue.Flush();
        }
    }

    /// <summary>
    /// Reads every row of <paramref name="reader"/>, throwing its first error as invalid input once the rows before it
    /// are consumed. Parsing runs on a second thread, a chunk of rows ahead of the consumer (SPEC §8 throughput); the
    /// rows arrive in file order, so the first error met is the same as reading on one thread.
    /// </summary>
    public IEnumerable<TRow> Rows<TRow>(LayoutReader<TRow> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadAhead(reader, static row => row);
    }

    /// <summary>
    /// As <see cref="Rows{TRow}(LayoutReader{TRow})"/>, with <paramref name="prepare"/> applied to each row on the
    /// reading thread: read-only lookups (the row's part, its BOM) that the consumer then only checks. It must not
    /// throw nor change shared state.
    /// </summary>
    public IEnumerable<TItem> Rows<TRow, TItem>(LayoutReader<TRow> reader, Func<TRow, TItem> prepare)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(prepare);
        _ = Parts; // loaded before the reading thread may look parts up
        return ReadAhead(reader, prepare);
    }

    /// <summary>The part a row names for its client, or null (looked up without failing, e.g. on the reading thread).</summary>
    public PartRecord? FindPart(string client, string part) => Parts.TryGetValue((client, part), out var found) ? found : null;

    /// <summary>Invalid input for a part the client does not have (SPEC §4.1: import parts first).</summary>
    public AppException UnknownPart(string client, string part, long line, string column)
    {
        var owner = client.Length == 0 ? "the program (client empty)" : $"client '{client}'";
        return Invalid(line, column, $"a part registered for {owner} (import parts first), found '{part}'");
    }

    private IEnumerable<TItem> ReadAhead<TRow, TItem>(LayoutReader<TRow> reader, Func<TRow, TItem> prepare)
    {
        const int Chunk = 1024;
        using var chunks = new BlockingCollection<TItem[]>(boundedCapacity: 8);
        using var stop = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    var buffer = new List<TItem>(Chunk);
                    while (reader.Read(out var row))
                    {
                        buffer.Add(prepare(row));
                        if (buffer.Count == Chunk)
                        {
                            chunks.Add([.. buffer], stop.Token);
                            buffer.Clear();
                        }
                    }

                    if (buffer.Count > 0)
                    {
                        chunks.Add([.. buffer], stop.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The consumer stopped (an invalid row or a conflict): nothing more to read.
                }
                finally
                {
                    chunks.CompleteAdding();
                }
            },
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            long done = 0;
            foreach (var chunk in chunks.GetConsumingEnumerable())
            {
                foreach (var row in chunk)
                {
                    yield return row;
                }

                done += chunk.Length;
                Progress.Advance(done);
            }

            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // Already surfaced above, or the consumer is failing for its own reason.
            }
        }

        if (reader.Error is { } error)
        {
            SettleAppends(); // the rows before the bad one come first
            throw AppException.Invalid(error.ToString());
        }
    }

    /// <summary>The part a row names for its client, else invalid input (SPEC §4.1: import parts first).</summary>
    public PartRecord RequirePart(string client, string part, long line, string column)
    {
        return Parts.TryGetValue((client, part), out var found) ? found : throw UnknownPart(client, part, line, column);
    }

    /// <summary>Counts a row written by other means than <see cref="Record"/> (a reversal).</summary>
    public void CountInserted() => Inserted++;

    /// <summary>Counts an insert; an existing key with other content is a conflict (SPEC §4.1, exit 4).</summary>
    public void Record(InsertResult result, long line, Func<string> key)
    {
        switch (result.Outcome)
        {
            case InsertOutcome.Inserted:
                Inserted++;
                break;
            case InsertOutcome.Identical:
                Skipped++;
                break;
            default:
                var where = result.ExistingBatchId == Batch.BatchId
                    ? $"line {result.ExistingLine.ToString(CultureInfo.InvariantCulture)} of this file"
                    : $"file {Batch.BatchFileName(result.ExistingBatchId)}, line {result.ExistingLine.ToString(CultureInfo.InvariantCulture)} " +
                      $"(batch {result.ExistingBatchId.ToString(CultureInfo.InvariantCulture)})";
                throw AppException.Conflict(
                    $"file {FileName}, line {line.ToString(CultureInfo.InvariantCulture)}: {key()} already exists with other content ({where}); " +
                    "corrections go through rectifications or reversals; nothing written");
        }
    }
}
