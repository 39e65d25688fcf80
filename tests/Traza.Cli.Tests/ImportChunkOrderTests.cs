using System.Globalization;

namespace Traza.Cli.Tests;

/// <summary>
/// Imports append in chunks (issue 12: AppendQueue, PostgreSQL stages chunks of 16 rows or more): the error reported is still
/// the first in file order — a conflict on an earlier line than an invalid row wins, and a key repeated within one chunk is
/// compared with the chunk's first row of it (SPEC §4.1).
/// </summary>
public sealed class ImportChunkOrderTests : IDisposable
{
    private const string Header = "pedimento,partida,clave,date,part,qty,case,bom_date,source_pedimento,source_partida,client";

    private readonly CliHarness cli = new();

    public ImportChunkOrderTests() => cli.StandardParts();

    public void Dispose() => cli.Dispose();

    private static string Exit(int n, string qty = "1", string part = "MAT-2") =>
        string.Create(CultureInfo.InvariantCulture, $"2547345650{n:00000},1,A1,2025-04-02,{part},{qty},v,,,,");

    [Fact]
    public void A_conflict_with_an_earlier_file_before_an_unknown_part_in_the_same_chunk_is_reported_exits_4()
    {
        cli.Import("exits", "a.csv", Header, Exit(7)).Exit.ShouldBe(0);
        var rows = Enumerable.Range(100, 40).Select(n => Exit(n)).ToArray();
        rows[29] = Exit(7, "2"); // line 31
        rows[34] = Exit(300, part: "NOPE"); // line 36
        var r = cli.Import("exits", "b.csv", [Header, .. rows]);
        r.Exit.ShouldBe(4, r.Stderr);
        r.Stderr.ShouldContain("file b.csv, line 31:");
        r.Stderr.ShouldContain("already exists with other content (file a.csv, line 2");
    }

    [Fact]
    public void A_key_repeated_in_one_chunk_with_other_content_conflicts_with_its_first_line_exits_4()
    {
        var rows = Enumerable.Range(100, 40).Select(n => Exit(n)).ToArray();
        rows[23] = Exit(103, "2"); // line 25 repeats line 5's key
        rows[30] = Exit(103); // identical to line 5: skipped, but after the conflict
        var r = cli.Import("exits", "b.csv", [Header, .. rows]);
        r.Exit.ShouldBe(4, r.Stderr);
        r.Stderr.ShouldContain("file b.csv, line 25:");
        r.Stderr.ShouldContain("(line 5 of this file)");
    }

    [Fact]
    public void Identical_repeated_keys_in_one_chunk_are_skipped()
    {
        var rows = Enumerable.Range(100, 40).Select(n => Exit(n)).ToArray();
        rows[23] = Exit(103);
        var r = cli.Import("exits", "b.csv", [Header, .. rows]);
        r.Exit.ShouldBe(0, r.Stderr);
        cli.ReportCsv("exits").Length.ShouldBe(40, "39 rows and the header");
    }
}
