using CsCheck;
using Traza.Formats.Layouts;

namespace Traza.Formats.Tests.Layouts;

/// <summary>SPEC §9: parsers never crash on garbage; random and truncated inputs end in an error, not an exception.</summary>
public sealed class GarbageInputTests
{
    private const string EntriesHeader = "pedimento,partida,clave,date,part,qty,qty_umt,value_usd,customs_value_mxn,exchange_rate,rectifies,client";

    private static int Drain<TRow>(LayoutReader<TRow> reader)
    {
        var count = 0;
        while (reader.Read(out _))
        {
            count++;
        }

        return count;
    }

    private static readonly Gen<string> Garbage = Gen.Char["\"\n\r,0123456789-. abAZ\u00d1\uFEFF\t"].Array[0, 300].Select(c => new string(c));

    [Fact]
    public void Random_text_never_throws_in_any_reader()
    {
        Garbage.Sample(text =>
        {
            Drain(new EntriesReader(new CsvRecordSource(new StringReader(text)), "g.csv"));
            Drain(new EntriesReader(new CsvRecordSource(new StringReader(EntriesHeader + "\n" + text)), "g.csv"));
            Drain(new ExitsReader(new CsvRecordSource(new StringReader(EntriesHeader + ",case,bom_date\n" + text)), "g.csv"));
            Drain(new PartsReader(new CsvRecordSource(new StringReader("part,kind,umc,umt,umt_per_umc,fraccion,nico\n" + text)), "g.csv"));
            Drain(new BomReader(new CsvRecordSource(new StringReader("product,component,qty_per,valid_from,valid_to\n" + text)), "g.csv"));
            Drain(new EventsReader(new CsvRecordSource(new StringReader("date,type,part,qty,waste\n" + text)), "g.csv"));
            Drain(new TermsReader(new CsvRecordSource(new StringReader("kind,clave,fraccion,months,valid_from\n" + text)), "g.csv"));
        }, iter: 2000);
    }

    [Fact]
    public void Truncated_valid_file_reads_complete_rows_or_reports_an_error()
    {
        const string text = EntriesHeader + "\n254734565000123,1,IN,2025-01-05,A,10,,1,,,,\n\"254734565000124\",2,IN,2025-01-06,\"B, c\",3.5,,,,,,acme\n";
        Gen.Int[0, text.Length].Sample(cut =>
        {
            using var reader = new EntriesReader(new CsvRecordSource(new StringReader(text[..cut])), "t.csv");
            var rows = Drain(reader);
            (rows <= 2).ShouldBeTrue();
        });
    }
}
