using System.Globalization;
using CsCheck;
using Traza.Domain.Common;

namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// Data Stage merges (SPEC §4.2, issue 12): whatever sequence of imports — a first import into empty tables, a re-import
/// that changes nothing, overlapping packages with the same keys in one import or across imports, packages with and
/// without Fecha_Ejecucion — every store reads back the rows an independent fold of <c>DataStageBlockStore.Keep</c>'s
/// rule gives: 501/551 by natural key (an identical row, by content hash, or one from an older package is left out; a
/// stored row without Fecha_Ejecucion is always replaced), the other tables by content. SQLite merges blocks in memory,
/// PostgreSQL by COPY directly (first import) or through staging tables, so this holds both paths to one oracle.
/// </summary>
public abstract class DataStageMergeContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private static readonly DateOnly Day0 = new(2025, 3, 1);

    private static readonly string[] Tables = ["501", "551", "557"];

    /// <summary>One row: which key (pedimento 0..2, partida 1..2), which content (v 0..3), which spelling of the raw line.</summary>
    public sealed record Row(int Pedimento, int Partida, int Version, bool Slash);

    public sealed record Package(string Folio, int? Executed, Row[][] Rows);

    private static readonly Gen<Row> GenRow =
        from p in Gen.Int[0, 2]
        from partida in Gen.Int[1, 2]
        from v in Gen.Int[0, 3]
        from slash in Gen.Bool
        select new Row(p, partida, v, slash);

    private static readonly Gen<Package> GenPackage =
        from folio in Gen.Int[100, 999]
        from executed in Gen.Frequency((1, Gen.Const((int?)null)), (4, Gen.Int[0, 3].Select(d => (int?)d)))
        from rows in GenRow.Array[0, 5].Array[Tables.Length]
        select new Package(folio.ToString(CultureInfo.InvariantCulture), executed, rows);

    private static readonly Gen<Package[][]> GenImports =
        from imports in GenPackage.Array[1, 2].Array[1, 3]
        from again in Gen.Int[0, 2]
        select again == 0 ? [.. imports, imports[0]] : imports;

    [Fact]
    public void Imports_read_back_the_rows_of_Keeps_fold_first_import_reimport_and_overlaps()
    {
        GenImports.Sample(Holds, iter: 12, threads: 1, print: Describe);
    }

    [Fact]
    public void A_reimport_changes_nothing_and_a_newer_package_replaces_by_key()
    {
        var first = new Package("100", 1, [[new Row(0, 1, 0, false), new Row(1, 1, 1, false)], [new Row(0, 1, 0, false), new Row(0, 2, 1, true)],
            [new Row(0, 1, 0, false), new Row(0, 1, 1, false)]]);
        var newer = new Package("101", 2, [[new Row(0, 1, 2, true)], [new Row(0, 2, 3, false)], [new Row(0, 1, 0, true)]]);
        var older = new Package("099", 0, [[new Row(1, 1, 3, false)], [new Row(0, 1, 3, false)], []]);
        Holds([[first], [first], [newer, older], [first, newer]]);
    }

    private void Holds(Package[][] imports)
    {
        using var store = Fixture.Provider.Open(Fixture.NewTarget(), Clock);
        var oracle = new Oracle();
        for (var i = 0; i < imports.Length; i++)
        {
            using var batch = store.BeginBatch("datastage", $"import{i}.zip", $"sha-{i}");
            using (var writer = Writer(batch))
            {
                foreach (var package in imports[i])
                {
                    for (var t = 0; t < Tables.Length; t++)
                    {
                        if (package.Rows[t].Length == 0)
                        {
                            continue;
                        }

                        var block = new DataStageBlock(Tables[t], package.Folio);
                        var line = 2L;
                        foreach (var row in package.Rows[t])
                        {
                            Encode(block, Tables[t], row, package.Executed, line++);
                            oracle.Add(Tables[t], row, package.Executed);
                        }

                        writer.Write(block);
                    }
                }

                writer.Complete();
            }

            _ = batch.Commit();
            foreach (var table in Tables)
            {
                var typed = GovernmentSchema.Tables[table].Typed;
                var stored = store.Government.DataStageRows(table, typed)
                    .Select(r => $"{r.Pedimento}|{r.Partida}|{string.Join("|", r.Values.Select(v => v ?? "∅"))}")
                    .Order(StringComparer.Ordinal)
                    .ToList();
                stored.ShouldBe(oracle.Rows(table), $"table {table} after import {i + 1} of {imports.Length}");
                RunsShouldBeTheRows(store.Government, table);
            }
        }
    }

    /// <summary>
    /// The store's runs (SQLite decodes them from its blocks) are the plain form — its rows with the number columns parsed —
    /// for every table's text columns and the columns the encoder writes as numbers (decimals, integers, nulls).
    /// </summary>
    private static void RunsShouldBeTheRows(IGovernmentReader government, string table)
    {
        (string[] Texts, string[] Numbers) columns = table switch
        {
            "501" => (["operation", "clave", "rfc", "fecha_pago"], ["tipo_cambio", "tipo_pedimento", "fecha_recepcion"]),
            "551" => (["fraccion", "nico", "descripcion", "umc", "executed"], ["value_usd", "customs_value_mxn", "qty_umc", "qty_umt"]),
            _ => (["clave_contribucion"], ["forma_pago", "importe"]),
        };
        var typed = GovernmentSchema.Tables[table].Typed;
        (columns.Texts.Concat(columns.Numbers).All(typed.Contains)).ShouldBeTrue($"columns of {table}: {string.Join(", ", typed)}");
        var plain = DataStageRun.From(government.DataStageRows(table, [.. columns.Texts, .. columns.Numbers]), columns.Texts.Length,
            columns.Numbers.Length);
        Lines(government.DataStageRuns(table, columns.Texts, columns.Numbers)).ShouldBe(Lines([plain]), $"runs of {table}");
    }

    private static List<string> Lines(IEnumerable<DataStageRun> runs) =>
    [
        .. runs.SelectMany(run => Enumerable.Range(0, run.Count).Select(i =>
                $"{run.Pedimentos[i]}|{run.Partidas[i]}|{string.Join("|", run.Texts.Select(c => c[i] ?? "∅"))}|" +
                string.Join("|", run.Numbers.Select(c => c[i] is { } d ? d.ToString(CultureInfo.InvariantCulture) : "∅"))))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The writer under test; a store's own contract class may pick one of its variants.</summary>
    protected virtual IDataStageBlockWriter Writer(ILedgerBatch batch) => batch.DataStageBlocks();

    private static string Describe(Package[][] imports) => string.Join(" ; ", imports.Select(i => string.Join(" + ", i.Select(p =>
        $"{p.Folio}@{p.Executed?.ToString(CultureInfo.InvariantCulture) ?? "-"}[" +
        string.Join(" / ", p.Rows.Select(rows => string.Join(",", rows.Select(r => $"{r.Pedimento}.{r.Partida}v{r.Version}{(r.Slash ? "s" : "")}")))) + "]"))));

    private static DataStageKey Key(string table, Row row) => new(
        250734205000100 + row.Pedimento, (3420L * 10_000_000_000) + ((5000100L + row.Pedimento) * 1000) + 70, table == "501" ? -1 : row.Partida);

    /// <summary>The content hash: the key and the version (the raw spelling, '-' or '/', is not content).</summary>
    private static ulong Hash(string table, Row row) => (ulong)((int.Parse(table, CultureInfo.InvariantCulture) * 1000) + (row.Pedimento * 100) +
        (row.Partida * 10) + row.Version);

    private static DateOnly? Executed(int? day) => day is { } d ? Day0.AddDays(d) : null;

    private static void Encode(DataStageBlock b, string table, Row row, int? executed, long line)
    {
        var v = row.Version;
        var date = row.Slash ? "2025/01/1" + v : "2025-01-1" + v;
        switch (table)
        {
            case "501":
                b.BeginRow(line, Key(table, row), Hash(table, row), Executed(executed));
                b.Text("import");
                b.Text("C" + v);
                b.Field(2);
                b.Decimal(18.5m + v);
                b.Int(v);
                b.Null();
                b.Date(new DateOnly(2025, 1, 10 + v));
                b.EndRow($"3420|{v}|{(v == 3 ? "  " : $" RFC{v} ")}|{date}|");
                break;
            case "551":
                b.BeginRow(line, Key(table, row), Hash(table, row), Executed(executed));
                b.Field(1);
                b.Text("00");
                b.Text($"Desc ñ, \"x\" {v}");
                b.Decimal(100m + v);
                b.Null();
                b.Int(v + 1);
                b.Text("6");
                b.Null();
                b.Null();
                b.Text("USA");
                b.Text("import");
                b.Text("IN");
                b.Date(new DateOnly(2025, 2, 1));
                b.EndRow($"{row.Partida}|8542390{v}|{date}|");
                break;
            default:
                b.BeginRow(line, Key(table, row), Hash(table, row), null);
                b.Int(10 + v);
                b.Int(0);
                b.Decimal(v + 0.5m);
                b.EndRow($"{row.Partida}|{10 + v}|{date}|");
                break;
        }
    }

    /// <summary>What a store must hold: Keep's rule, row by row in import order, with the values the encoder wrote.</summary>
    private sealed class Oracle
    {
        private readonly Dictionary<(string, DataStageKey), (int Executed, ulong Hash, string Text)> natural = [];
        private readonly Dictionary<(string, DataStageKey, ulong), string> content = [];

        public void Add(string table, Row row, int? executed)
        {
            var key = Key(table, row);
            var hash = Hash(table, row);
            var text = Text(table, row, executed);
            if (table == "557")
            {
                _ = content.TryAdd((table, key, hash), text);
                return;
            }

            var exec = executed ?? -1;
            if (natural.TryGetValue((table, key), out var old) &&
                (old.Hash == hash || (old.Executed >= 0 && (exec < 0 || exec < old.Executed))))
            {
                return;
            }

            natural[(table, key)] = (exec, hash, text);
        }

        public List<string> Rows(string table) =>
        [
            .. natural.Where(n => n.Key.Item1 == table).Select(n => n.Value.Text)
                .Concat(content.Where(c => c.Key.Item1 == table).Select(c => c.Value))
                .Order(StringComparer.Ordinal),
        ];

        private static string Text(string table, Row row, int? executed)
        {
            var v = row.Version;
            var key = Key(table, row);
            var exec = Executed(executed) is { } e ? CanonicalText.Date(e) : "∅";
            var values = table switch
            {
                "501" => new[]
                {
                    "import", "C" + v, v == 3 ? "∅" : "RFC" + v, CanonicalText.Decimal(18.5m + v), v.ToString(CultureInfo.InvariantCulture), "∅",
                    CanonicalText.Date(new DateOnly(2025, 1, 10 + v)), exec,
                },
                "551" => new[]
                {
                    "8542390" + v, "00", $"Desc ñ, \"x\" {v}", CanonicalText.Decimal(100m + v), "∅", (v + 1).ToString(CultureInfo.InvariantCulture),
                    "6", "∅", "∅", "USA", "import", "IN", "2025-02-01", exec,
                },
                _ => new[] { (10 + v).ToString(CultureInfo.InvariantCulture), "0", CanonicalText.Decimal(v + 0.5m) },
            };
            return $"{key.Pedimento:D15}|{Math.Max(key.Partida, 0)}|{string.Join("|", values)}";
        }
    }
}
