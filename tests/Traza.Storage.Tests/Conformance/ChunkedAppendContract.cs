using CsCheck;

namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// The chunked <see cref="ILedgerBatch.Append(TableSpec, ReadOnlySpan{StagedRow}, List{AppendMiss})"/> against its plain twin,
/// one-row appends (issue 12, SPEC §8): two stores get the same history of batches, one appended row by row and the other
/// chunk by chunk, over random rows with keys repeated within a chunk, across chunks and across batches (identical and
/// different content), in chunks of 1, 15, 16 (PostgreSQL's smallest staged chunk) and over 4,096 rows, with and without a
/// digest fed ahead. The misses (position, line, identical or conflict, the batch and line holding the key) and every
/// committed batch record — rows, digest, chain hash — must be the same, and the chain must verify.
/// </summary>
public abstract class ChunkedAppendContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private static readonly TableSpec[] Tables = [TableSpec.Part, TableSpec.Entry, TableSpec.Exit, TableSpec.Event, TableSpec.Count, TableSpec.Rate];

    /// <summary>A batch of one table: its rows (drawn from a seed), the chunk sizes it is cut into, and a digest fed ahead or not.</summary>
    public sealed record GenBatch(int Table, int Rows, int[] Chunks, bool Ahead, int Seed, int KeySpace)
    {
        public override string ToString() =>
            $"{Tables[Table].Name} rows={Rows} chunks=[{string.Join(",", Chunks)}] ahead={Ahead} seed={Seed} keys={KeySpace}";
    }

    private static readonly Gen<int> ChunkSize = Gen.OneOf(Gen.Const(1), Gen.Const(15), Gen.Const(16), Gen.Const(17), Gen.Int[2, 64],
        Gen.Const(4096), Gen.Const(4100));

    private static Gen<GenBatch> Batch { get; } =
        from table in Gen.Int[0, Tables.Length - 1]
        from rows in Gen.Frequency((6, Gen.Int[1, 60]), (1, Gen.Int[4097, 4300]))
        from chunks in ChunkSize.Array[1, 6]
        from ahead in Gen.Bool
        from seed in Gen.Int
        from keys in Gen.Int[1, 40]
        select new GenBatch(table, rows, chunks, ahead, seed, rows > 4096 ? 3000 : keys);

    [Fact]
    public void Chunked_appends_answer_and_digest_as_one_row_appends()
    {
        using var plain = Open();
        using var chunked = Fixture.Provider.Open(Fixture.NewTarget(), Clock);
        SeedParts(plain);
        SeedParts(chunked);
        var file = 0;
        Batch.Array[1, 3].Sample(
            batches =>
            {
                foreach (var b in batches)
                {
                    ShouldAgree(plain, chunked, b, file++);
                }
            },
            iter: 25, threads: 1, print: b => string.Join("\n", b.Select(x => x.ToString())));
        chunked.VerifyChain().Intact.ShouldBeTrue();
        plain.VerifyChain().Intact.ShouldBeTrue();
    }

    [Fact]
    public void A_key_repeated_in_a_chunk_is_a_miss_against_the_chunks_first_row()
    {
        using var store = Open();
        SeedParts(store);
        var buffer = new RowBuffer(TableSpec.Rate.Columns);
        StagedRow Rate(int day, string value, long line) =>
            new(LedgerRows.Encode(["", $"2025-01-{day:00}"], [value], buffer), line);
        _ = Commit(store, "rates", "r1.csv", b => b.Append(TableSpec.Rate, Rate(1, "17", 2).Row, 2));
        using var batch = store.BeginBatch("rates", "r2.csv", "sha-r2");
        StagedRow[] rows = [Rate(1, "17", 2), Rate(1, "18", 3), .. Enumerable.Range(2, 20).Select(d => Rate(d, "19", d + 2)), Rate(2, "19", 30),
            Rate(3, "20", 31)];
        var misses = new List<AppendMiss>();
        batch.Append(TableSpec.Rate, rows, misses);
        misses.ShouldBe([
            new AppendMiss(0, 2, new InsertResult(InsertOutcome.Identical, 2, 2)),
            new AppendMiss(1, 3, new InsertResult(InsertOutcome.Conflict, 2, 2)),
            new AppendMiss(22, 30, new InsertResult(InsertOutcome.Identical, batch.BatchId, 4)),
            new AppendMiss(23, 31, new InsertResult(InsertOutcome.Conflict, batch.BatchId, 5)),
        ]);
        batch.Commit().Rows.ShouldBe(20);
        store.VerifyChain().Intact.ShouldBeTrue();
    }

    private static void SeedParts(ITrazaStore store) =>
        Commit(store, "parts", "parts.csv", b =>
        {
            for (var i = 0; i < 8; i++)
            {
                b.AddPart(Part("P" + i), i + 2);
            }
        });

    private static void ShouldAgree(ITrazaStore plain, ITrazaStore chunked, GenBatch b, int file)
    {
        var table = Tables[b.Table];
        var rows = Rows(table, b);
        var expected = new List<AppendMiss>();
        BatchRecord plainRecord;
        using (var batch = plain.BeginBatch(table.Name, $"f{file}.csv", $"sha-{file}"))
        {
            Feed(batch, table, rows, b.Ahead);
            for (var i = 0; i < rows.Length; i++)
            {
                var result = batch.Append(table, rows[i].Row, rows[i].Line);
                if (result.Outcome != InsertOutcome.Inserted)
                {
                    expected.Add(new AppendMiss(i, rows[i].Line, result));
                }
            }

            plainRecord = batch.Commit();
        }

        var actual = new List<AppendMiss>();
        BatchRecord chunkedRecord;
        using (var batch = chunked.BeginBatch(table.Name, $"f{file}.csv", $"sha-{file}"))
        {
            Feed(batch, table, rows, b.Ahead);
            var start = 0;
            for (var c = 0; start < rows.Length; c++)
            {
                var size = Math.Min(b.Chunks[c % b.Chunks.Length], rows.Length - start);
                var chunkMisses = new List<AppendMiss>();
                batch.Append(table, rows.AsSpan(start, size), chunkMisses);
                actual.AddRange(chunkMisses.Select(m => m with { Index = m.Index + start }));
                start += size;
            }

            chunkedRecord = batch.Commit();
        }

        actual.ShouldBe(expected, b.ToString());
        chunkedRecord.ShouldBe(plainRecord, b.ToString());
    }

    private static void Feed(ILedgerBatch batch, TableSpec table, StagedRow[] rows, bool ahead)
    {
        if (!ahead)
        {
            return;
        }

        var digest = batch.DigestAhead(table);
        foreach (var row in rows)
        {
            digest.Add(row.Row, row.Line);
        }
    }

    /// <summary>
    /// Rows of <paramref name="table"/> with keys drawn from a small space (so they repeat) and content from two variants (so
    /// a repeated key is identical or a conflict); lines ascend, sometimes repeating.
    /// </summary>
    private static StagedRow[] Rows(TableSpec table, GenBatch b)
    {
        var random = new Random(b.Seed);
        var buffer = new RowBuffer(table.Columns);
        var rows = new StagedRow[b.Rows];
        var line = 1L + random.Next(0, 5);
        for (var i = 0; i < rows.Length; i++)
        {
            line += random.Next(0, 8) == 0 ? 0 : 1;
            var key = random.Next(0, b.KeySpace);
            var variant = random.Next(0, 4) == 0 ? 1 : 0;
            var part = "P" + (key % 8);
            var day = new DateOnly(2025, 1, 1).AddDays(key / 8);
            var qty = variant == 0 ? 1.5m : 2m;
            var encoded = table.Name switch
            {
                "part" => LedgerRows.Encode(Part("K" + key, umtPerUmc: variant == 0 ? 1m : 2m), buffer),
                "entry" => LedgerRows.Encode(Entry("2547345650" + key.ToString("00000", System.Globalization.CultureInfo.InvariantCulture), qty,
                    part), buffer),
                "exit" => LedgerRows.Encode(Exit("2547345660" + key.ToString("00000", System.Globalization.CultureInfo.InvariantCulture), qty,
                    part), buffer),
                "event" => LedgerRows.Encode(new EventRecord("", day, "scrap", part, "R" + (key % 3), qty, variant == 1, null, null),
                    line = 1 + (key % 50), buffer),
                "count_row" => LedgerRows.Encode(new CountRecord("", day, part, "", qty), buffer),
                _ => LedgerRows.Encode(["", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
                    [variant == 0 ? "17.5" : "18.25"], buffer),
            };
            rows[i] = new StagedRow(encoded, line);
        }

        return rows;
    }
}
