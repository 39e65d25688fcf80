namespace Traza.Cli.Tests.Reports;

/// <summary>
/// <c>report entries|exits|pedimentos --pedimento DOC</c> (docs/cli.md; the dashboard's pedimento page): the point reads give
/// exactly the rows of the whole listing whose pedimento is DOC — in force and reversed, Data Stage and ledger sources, a
/// client's key, a pedimento written with spaces, a document that is not a pedimento, one that is nowhere. On the demo
/// program, on SQLite here and on PostgreSQL in Traza.Cli.Tests.Postgres.
/// </summary>
public sealed class ListingDocumentFilterTests : IDisposable
{
    private const string AsOf = "2025-12-31";

    private static readonly string[] Listings = ["entries", "exits", "pedimentos"];

    private readonly CliHarness cli = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => cli.Dispose();

    [Fact]
    public void A_listing_of_one_document_is_the_whole_listing_filtered_by_it()
    {
        var demo = cli.Run("demo");
        demo.Exit.ShouldBe(0, demo.Stderr);
        var (reversedEntry, reversedExit) = ReverseOneEntryAndOneExit();

        var entries = cli.ReportCsv("entries", "--as-of", AsOf);
        var exits = cli.ReportCsv("exits", "--as-of", AsOf);
        var pedimentos = cli.ReportCsv("pedimentos", "--as-of", AsOf);
        string[] Documents(string[] lines) => [.. lines.Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal)];

        // Every 40th document of each listing, the reversed ones, one that is not a pedimento (an invoice the demo's NAC
        // stock came with), and one that is nowhere.
        var chosen = Documents(entries).Where((_, i) => i % 40 == 0)
            .Concat(Documents(exits).Where((_, i) => i % 40 == 0))
            .Concat(Documents(pedimentos).Where((_, i) => i % 40 == 0))
            .Append(reversedEntry).Append(reversedExit)
            .Append(Documents(entries).First(d => d.Length != 15))
            .Append("259999999999999")
            .Distinct(StringComparer.Ordinal).ToList();
        chosen.Count.ShouldBeGreaterThan(10);

        foreach (var document in chosen)
        {
            foreach (var (name, whole) in Listings.Zip([entries, exits, pedimentos]))
            {
                cli.ReportCsv(name, "--as-of", AsOf, "--pedimento", document)
                    .ShouldBe(Filtered(whole, document), $"{name} --pedimento {document}");
            }
        }

        cli.ReportCsv("entries", "--as-of", AsOf, "--pedimento", reversedEntry).ShouldContain(l => l.Contains("keyed twice", StringComparison.Ordinal));
        cli.ReportCsv("exits", "--as-of", AsOf, "--pedimento", reversedExit).ShouldContain(l => l.Contains("keyed twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_and_a_pedimento_written_with_spaces_filter_together()
    {
        var demo = cli.Run("demo");
        demo.Exit.ShouldBe(0, demo.Stderr);
        var entries = cli.ReportCsv("entries", "--as-of", AsOf);
        var header = entries[0].Split(',');
        var clientAt = Array.IndexOf(header, "client");
        var row = entries.Skip(1).Select(l => l.Split(',')).First(f => f[0].Length == 15 && f[clientAt].Length > 0);
        var (pedimento, client) = (row[0], row[clientAt]);
        var spaced = $"{pedimento[..2]} {pedimento[2..4]} {pedimento[4..8]} {pedimento[8..]}";

        foreach (var name in Listings)
        {
            var whole = cli.ReportCsv(name, "--as-of", AsOf, "--client", client);
            var one = cli.ReportCsv(name, "--as-of", AsOf, "--client", client, "--pedimento", spaced);
            one.ShouldBe(Filtered(whole, pedimento), name);
        }

        cli.ReportCsv("entries", "--as-of", AsOf, "--pedimento", spaced).Length.ShouldBeGreaterThan(1);
        var other = cli.ReportCsv("clients").Skip(1).Select(l => l.Split(',')[0]).First(c => c != client);
        cli.ReportCsv("entries", "--as-of", AsOf, "--client", other, "--pedimento", pedimento)
            .ShouldBe(Filtered(cli.ReportCsv("entries", "--as-of", AsOf, "--client", other), pedimento));
    }

    /// <summary>The header and the rows whose first column (pedimento, in all three listings) is <paramref name="document"/>.</summary>
    private static string[] Filtered(string[] whole, string document) =>
        [whole[0], .. whole.Skip(1).Where(l => l.Split(',')[0] == document)];

    /// <summary>Imports a second partida of a demo entry and a second line of a demo exit, then reverses both batches.</summary>
    private (string Entry, string Exit) ReverseOneEntryAndOneExit()
    {
        var entry = cli.ReportCsv("entries", "--as-of", AsOf).Skip(1).Select(l => l.Split(',')).First(f => f[0].Length == 15);
        var exit = cli.ReportCsv("exits", "--as-of", AsOf).Skip(1).Select(l => l.Split(',')).First(f => f[0].Length == 15);
        var imported = cli.Import("entries", "late-entries.csv", "pedimento,partida,clave,date,part,qty,client",
            $"{entry[0]},900,{entry[2]},{entry[3]},{entry[4]},1,{entry[5]}");
        imported.Exit.ShouldBe(0, imported.Stderr);
        Reverse(imported.Stdout);
        var shipped = cli.Import("exits", "late-exits.csv", "pedimento,partida,clave,date,part,qty,client",
            $"{exit[0]},900,{exit[2]},{exit[3]},{exit[4]},1,{exit[5]}");
        shipped.Exit.ShouldBe(0, shipped.Stderr);
        Reverse(shipped.Stdout);
        return (entry[0], exit[0]);
    }

    private void Reverse(string importOutput)
    {
        var batch = importOutput.Trim().Split(' ')[^1];
        var reversed = cli.Run("reverse", "--batch", batch, "--reason", "keyed twice");
        reversed.Exit.ShouldBe(0, reversed.Stderr);
    }
}
