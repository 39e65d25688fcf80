using Traza.Domain.Common;
using CsCheck;
using Microsoft.Data.Sqlite;
using Traza.Storage.Postgres;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests.Postgres;

/// <summary>
/// The same imports give the same batch digests and chain hashes on SQLite and PostgreSQL (docs/architecture.md Decision 1:
/// the chain must not depend on the store), and the same answers for rows whose key exists (SPEC §4.1).
/// </summary>
public sealed class PostgresChainTests
{
    /// <summary>One appended row: which table, whose, which key (a small range, so keys repeat) and its values.</summary>
    public sealed record Op(int Kind, int Client, int Key, long Qty, int Scale, int Day, bool Optional);

    /// <summary>A batch: its rows, and how it writes them (0 rows one by one; 1 entries digested ahead; 2 then a Replace).</summary>
    public sealed record Batch(int Mode, Op[] Ops);

    private static readonly Gen<Op> GenOp = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 2], Gen.Int[0, 5], Gen.Long[-500, 2_000_000],
        Gen.Int[0, 4], Gen.Int[0, 90], Gen.Bool, (k, c, key, q, s, d, o) => new Op(k, c, key, q, s, d, o));

    private static readonly Gen<Batch[]> GenBatches = Gen.Select(Gen.Int[0, 2], GenOp.Array[1, 10], (m, ops) => new Batch(m, ops)).Array[1, 5];

    [Fact]
    public void The_same_imports_give_the_same_digests_chain_hashes_and_misses_on_sqlite_and_postgres()
    {
        using var pg = new TempPostgres();
        var provider = new PostgresStoreProvider();
        GenBatches.Sample(
            batches =>
            {
                provider.Delete(pg.ConnectionString);
                using var file = new TempDatabase();
                List<BatchRecord> sqliteBatches, postgresBatches;
                List<InsertOutcome> sqliteOutcomes, postgresOutcomes;
                using (var sqlite = SqliteLedgerStore.Open(file.Path_, file.Clock))
                {
                    (sqliteOutcomes, sqliteBatches) = Run(sqlite, batches);
                    sqlite.VerifyChain().Intact.ShouldBeTrue();
                }

                SqliteConnection.ClearAllPools();
                using (var postgres = provider.Open(pg.ConnectionString, pg.Clock))
                {
                    (postgresOutcomes, postgresBatches) = Run(postgres, batches);
                    postgres.VerifyChain().Intact.ShouldBeTrue();
                }

                postgresOutcomes.ShouldBe(sqliteOutcomes);
                postgresBatches.Select(b => (b.Id, b.Rows, b.Digest, b.PrevChainHash, b.ChainHash))
                    .ShouldBe(sqliteBatches.Select(b => (b.Id, b.Rows, b.Digest, b.PrevChainHash, b.ChainHash)));
            },
            iter: 25,
            threads: 1); // one PostgreSQL database, emptied before each run
    }

    [Fact]
    public void An_edited_row_breaks_the_chain_at_its_batch()
    {
        using var pg = new TempPostgres();
        using (var store = new PostgresStoreProvider().Open(pg.ConnectionString, pg.Clock))
        {
            Run(store, [new Batch(0, [new Op(0, 0, 1, 5, 0, 1, false)]), new Batch(1, [new Op(1, 0, 1, 10, 0, 2, false), new Op(1, 0, 2, 3, 0, 3, true)])]);
            store.VerifyChain().Intact.ShouldBeTrue();
        }

        pg.Execute("UPDATE entry SET qty = '12.5' WHERE batch_id = 2 AND line = 2");
        using (var store = new PostgresStoreProvider().Open(pg.ConnectionString, pg.Clock))
        {
            var check = store.VerifyChain();
            check.Intact.ShouldBeFalse();
            check.BrokenBatchId.ShouldBe(2);
        }
    }

    [Fact]
    public void A_batch_disposed_without_commit_writes_nothing()
    {
        using var pg = new TempPostgres();
        using var store = new PostgresStoreProvider().Open(pg.ConnectionString, pg.Clock);
        using (var batch = store.BeginBatch("parts", "parts.csv", "s1"))
        {
            batch.EnsureClient("ACME", 2).ShouldBeTrue();
            batch.AddPart(new PartRecord("ACME", "MAT-1", null, "material", null, null, "6", "6", 1m, null, "imported"), 2)
                .Outcome.ShouldBe(InsertOutcome.Inserted);
            store.LoadParts().Count.ShouldBe(1); // the batch sees its own rows
        }

        store.LoadParts().ShouldBeEmpty();
        store.LoadClients().ShouldBeEmpty();
        store.Batches().ShouldBeEmpty();
    }

    /// <summary>Applies the batches through the port, as the importers do; returns every row's outcome and the batches.</summary>
    internal static (List<InsertOutcome> Outcomes, List<BatchRecord> Batches) Run(ITrazaStore store, IReadOnlyList<Batch> batches)
    {
        store.Operator = "tester";
        var outcomes = new List<InsertOutcome>();
        var n = 0;
        foreach (var spec in batches)
        {
            n++;
            var entriesOnly = spec.Mode == 1;
            using var batch = store.BeginBatch(entriesOnly ? "entries" : "mixed", $"file{n}.csv", $"sha{n}");
            var buffer = new RowBuffer(TableSpec.Entry.Columns);
            var ahead = entriesOnly ? batch.DigestAhead(TableSpec.Entry) : null;
            EntryRecord? lastEntry = null;
            for (var i = 0; i < spec.Ops.Length; i++)
            {
                var op = spec.Ops[i];
                var line = i + 2L;
                var client = entriesOnly ? string.Empty : op.Client switch { 0 => string.Empty, 1 => "ACME", _ => "Beta Ñ" };
                var qty = op.Qty / Pow10(op.Scale);
                var date = new DateOnly(2025, 1, 1).AddDays(op.Day);
                batch.EnsureClient(client, line);
                if (entriesOnly || op.Kind == 1)
                {
                    var entry = new EntryRecord(client, "25473456500" + op.Key.ToString("0000", System.Globalization.CultureInfo.InvariantCulture),
                        1 + (op.Key % 2), "MAT-" + op.Key, "A1", date, Math.Abs(qty) + 1m, op.Optional ? qty * 2 : null, op.Optional ? 12.5m : null,
                        null, null, op.Optional ? "USA" : null, null, null, null, null);
                    if (ahead is not null)
                    {
                        var encoded = LedgerRows.Encode(entry, buffer);
                        ahead.Add(encoded, line);
                        outcomes.Add(batch.Append(TableSpec.Entry, encoded, line).Outcome);
                    }
                    else
                    {
                        outcomes.Add(batch.AddEntry(entry, line).Outcome);
                    }

                    lastEntry = outcomes[^1] == InsertOutcome.Inserted ? entry : lastEntry;
                    continue;
                }

                outcomes.Add((op.Kind switch
                {
                    0 => batch.AddPart(new PartRecord(client, "MAT-" + op.Key, op.Optional ? "Tornillo ø3" : null, "material", null, null, "kg", "kg",
                        Math.Abs(qty) + 1m, null, "imported"), line),
                    2 => batch.Insert(TableSpec.Tariff, [string.Empty, "8471.30.01", op.Optional ? "00" : string.Empty, "2025-01-0" + (1 + (op.Key % 9))],
                        [CanonicalText.Decimal(qty), op.Optional ? (object)"2026-12-31" : DBNull.Value], line),
                    3 => batch.AddBom(new BomRecord(client, "PRD-" + (op.Key % 2), "MAT-" + op.Key, op.Optional ? date : null, Math.Abs(qty) + 0.5m,
                        1.5m, 0m, null), line),
                    _ => batch.AddEvent(new EventRecord(client, date, "waste", "MAT-" + op.Key, op.Optional ? "R-1" : string.Empty, qty, op.Optional,
                        null, null), line),
                }).Outcome);
            }

            if (spec.Mode == 2 && lastEntry is not null)
            {
                // A rewritten lot (as entries import sums a lot's rows): the streamed digest no longer holds.
                batch.Replace(TableSpec.Entry, [lastEntry.Client, lastEntry.Pedimento, (long)lastEntry.Partida, lastEntry.Part],
                    [("qty", CanonicalText.Decimal(lastEntry.Qty + 1m))]);
            }

            batch.Commit();
        }

        return (outcomes, store.Batches().ToList());
    }

    private static decimal Pow10(int scale) => scale switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => 10000m };
}
