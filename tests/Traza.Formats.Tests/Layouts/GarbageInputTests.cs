using System.Text.RegularExpressions;
using CsCheck;
using Traza.Formats.Layouts;

namespace Traza.Formats.Tests.Layouts;

/// <summary>
/// SPEC §9: parsers never crash on garbage; random and truncated inputs end in an error, not an exception. The error is
/// SPEC §5's <c>file &lt;name&gt;, line N[, column C]: &lt;what was expected&gt;</c> on a line the text has, and a reader
/// never yields a row past its error nor more rows than the text has records (issue 11 item 10).
/// </summary>
public sealed partial class GarbageInputTests
{
    private const string EntriesHeader = "pedimento,partida,clave,date,part,qty,qty_umt,value_usd,customs_value_mxn,exchange_rate,rectifies,client";

    private const string TwoEntries =
        EntriesHeader + "\n254734565000123,1,IN,2025-01-05,A,10,,1,,,,\n\"254734565000124\",2,IN,2025-01-06,\"B, c\",3.5,,,,,,acme\n";

    private static readonly Gen<string> Garbage = Gen.Char["\"\n\r,0123456789-. abAZ\u00d1\uFEFF\t"].Array[0, 300].Select(c => new string(c));

    [GeneratedRegex(@"^file g\.csv, line [1-9][0-9]*(, column [a-z_]+)?: \S")]
    private static partial Regex ErrorShape();

    [Fact]
    public void Random_text_never_throws_and_any_error_names_the_file_and_a_line_it_has()
    {
        Garbage.Sample(text =>
        {
            Check(new EntriesReader(Source(EntriesHeader + "\n" + text), "g.csv"), EntriesHeader + "\n" + text);
            Check(new ExitsReader(Source(EntriesHeader + ",case,bom_date\n" + text), "g.csv"), EntriesHeader + ",case,bom_date\n" + text);
            Check(new PartsReader(Source("part,kind,umc,umt,umt_per_umc,fraccion,nico\n" + text), "g.csv"), "x\n" + text);
            Check(new BomReader(Source("product,component,qty_per,valid_from,valid_to\n" + text), "g.csv"), "x\n" + text);
            Check(new EventsReader(Source("date,type,part,qty,waste\n" + text), "g.csv"), "x\n" + text);
            Check(new TermsReader(Source("kind,clave,fraccion,months,valid_from\n" + text), "g.csv"), "x\n" + text);
        }, iter: 2000);
    }

    [Fact]
    public void Random_text_as_the_header_is_refused_at_line_1_for_its_missing_column()
    {
        // The alphabet cannot spell "pedimento": the header never has it.
        Garbage.Sample(text =>
        {
            using var reader = new EntriesReader(Source(text), "g.csv");
            reader.Read(out _).ShouldBeFalse();
            reader.Error.ShouldNotBeNull();
            // SPEC §4.1: a header naming a column twice is refused first (random text often repeats a name).
            var error = reader.Error.ToString();
            if (!error.Contains("a header naming each column once", StringComparison.Ordinal))
            {
                error.ShouldBe("file g.csv, line 1, column pedimento: a column named 'pedimento' in the header row (required)");
            }
            else
            {
                error.ShouldMatch(@"^file g\.csv, line 1, column [^:]+: a header naming each column once; '[^\n]*' names columns [1-9][0-9]* and [1-9][0-9]*$");
            }
        }, iter: 500);
    }

    [Fact]
    public void Truncated_valid_file_reads_the_rows_before_the_cut_and_an_open_quote_is_an_error_on_its_line()
    {
        var whole = Read(TwoEntries);
        whole.Error.ShouldBeNull();
        whole.Rows.Count.ShouldBe(2);
        Gen.Int[0, TwoEntries.Length].Sample(cut =>
        {
            var text = TwoEntries[..cut];
            var (rows, error) = Read(text);
            rows.Count.ShouldBeLessThanOrEqualTo(2);
            for (var i = 0; i + 1 < rows.Count; i++)
            {
                rows[i].ShouldBe(whole.Rows[i], $"row {i + 1} before the cut at {cut}");
            }

            var complete = text.Count(c => c == '\n') - 1; // records whose line break is before the cut
            if (cut == TwoEntries.Length || (cut > 0 && TwoEntries[cut - 1] == '\n'))
            {
                error.ShouldBeNull($"cut at {cut}, a record boundary");
                rows.ShouldBe(whole.Rows.Take(Math.Max(0, complete)).ToList(), $"cut at {cut}, a record boundary");
            }
            else if (text.Split('\n')[^1].Count(c => c == '"') % 2 == 1)
            {
                error.ShouldNotBeNull($"cut at {cut} inside a quoted field");
                error.ToString().ShouldBe("file t.csv, line 3: a closing double quote");
                rows.ShouldBe(whole.Rows.Take(1).ToList());
            }
            else if (error is not null)
            {
                error.ToString().ShouldStartWith($"file t.csv, line {complete + 2}");
            }
        });
    }

    private static CsvRecordSource Source(string text) => new(new StringReader(text));

    private static (List<EntryRow> Rows, LayoutError? Error) Read(string text)
    {
        using var reader = new EntriesReader(Source(text), "t.csv");
        var rows = new List<EntryRow>();
        while (reader.Read(out var row))
        {
            rows.Add(row);
        }

        return (rows, reader.Error);
    }

    /// <summary>Drains a reader over <paramref name="text"/> and checks what it yielded and the error it gave.</summary>
    private static void Check<TRow>(LayoutReader<TRow> reader, string text)
        where TRow : class
    {
        using (reader)
        {
            var lines = 1 + text.Count(c => c == '\n') + Regex.Count(text, "\r(?!\n)");
            var records = 0;
            var last = 1L;
            while (reader.Read(out var row))
            {
                row.ShouldNotBeNull();
                reader.Line.ShouldBeGreaterThan(last, "each row on a later line than the one before (the header is line 1)");
                last = reader.Line;
                records++;
            }

            reader.Read(out _).ShouldBeFalse("a reader that ended stays ended");
            records.ShouldBeLessThan(lines, "rows read ≤ the lines after the header");
            if (reader.Error is { } error)
            {
                error.File.ShouldBe("g.csv");
                error.Line.ShouldNotBeNull();
                error.Line.Value.ShouldBeInRange(Math.Max(1, last), lines, $"on a line of the text, not before the last row: {error}");
                error.ToString().ShouldMatch(ErrorShape().ToString(), $"message shape: {error}");
            }
        }
    }
}
