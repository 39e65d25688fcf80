using System.Text;
using CsCheck;
using Traza.Formats.Government;
using Traza.Formats.M3;
using Traza.Formats.Tests.Government;

namespace Traza.Formats.Tests.M3;

public class M3ReaderTests
{
    private static M3FileWriter Realistic(M3DateStyle style = M3DateStyle.DayFirst, bool crlf = false, bool unsigned = false)
    {
        var w = new M3FileWriter("m3420001.074", style, crlf) { Unsigned = unsigned };
        w.AddPedimento("3420", "5000257", "070", 1, "IN", TestPackages.Rfc, new DateOnly(2025, 3, 15),
        [
            new M3Partida(1, "85423901", "00", "CIRCUITO", 1500.25m, 1000m, "6", 1000m, "6", "USA"),
            new M3Partida(2, "39269099", "99", "PIEZA", 200m, 50.5m, "1", 50.5m, "1", "CHN"),
        ]);
        w.AddPedimento("3420", "4001234", "240", 2, "RT", TestPackages.Rfc, new DateOnly(2025, 1, 3),
            [new M3Partida(1, "85423901", "00", "CIRCUITO", 900m, 600m, "6", 600m, "6", "USA")],
            [["512", "4001234", "3420", "4000999", "070", "IN", w.Date(new DateOnly(2024, 11, 30)), "85423901", "6", "600.000"]]);
        return w;
    }

    private static M3CollectingSink Read(byte[] bytes, string name = "m3420001.074")
    {
        var sink = new M3CollectingSink();
        using var ms = new MemoryStream(bytes);
        new M3Reader().Read(ms, name, sink);
        return sink;
    }

    [Theory]
    [InlineData(M3DateStyle.DayFirst, false)]
    [InlineData(M3DateStyle.YearFirst, false)]
    [InlineData(M3DateStyle.DayFirst, true)]
    [InlineData(M3DateStyle.YearFirst, true)]
    public void Lf_or_crlf_and_either_date_form_read_the_same(M3DateStyle style, bool crlf)
    {
        var sink = Read(Realistic(style, crlf).ToBytes());

        sink.Pedimentos.Count.ShouldBe(2);
        sink.Pedimentos[0].Number!.Value.Digits15.ShouldBe("250734205000257");
        sink.Pedimentos[0].FechaPago.ShouldBe(new DateOnly(2025, 3, 15));
        sink.Pedimentos[0].Of("551").Count().ShouldBe(2);
        sink.Pedimentos[1].Of("512").Single().GetDate(7).ShouldBe(new DateOnly(2024, 11, 30));
        sink.Summary!.Pedimentos.ShouldBe(2);
    }

    [Fact]
    public void Records_500_to_801_including_800_kept_in_order()
    {
        var sink = Read(Realistic().ToBytes());

        sink.Pedimentos[0].Records.Select(r => r.Register).ShouldBe(["500", "501", "506", "551", "551", "800"]);
        sink.Pedimentos[0].Records[3].Get(10).ShouldBe("1500.25");
    }

    [Fact]
    public void Year_digit_differs_is_a_note()
    {
        var sink = Read(Realistic().ToBytes());

        sink.Pedimentos[1].Number!.Value.Digits15.ShouldBe("252434204001234");
        sink.Notes.ShouldContain(n => n.Message.Contains("252434204001234", StringComparison.Ordinal));
    }

    [Fact]
    public void Closing_999_accepted()
    {
        var w = Realistic();
        w.CloseWith999 = true;

        Read(w.ToBytes()).Pedimentos.Count.ShouldBe(2);
    }

    [Fact]
    public void Missing_801_is_truncation()
    {
        var text = Encoding.ASCII.GetString(Realistic().ToBytes());
        var cut = text[..text.IndexOf("801|", StringComparison.Ordinal)];

        var ex = Should.Throw<GovernmentFormatException>(() => Read(Encoding.ASCII.GetBytes(cut)));

        ex.Message.ShouldContain("801");
        ex.File.ShouldBe("m3420001.074");
    }

    [Fact]
    public void Record_count_mismatch_names_801_field()
    {
        var w = Realistic();
        w.RecordCountOverride = 3;

        var ex = Should.Throw<GovernmentFormatException>(() => Read(w.ToBytes()));

        ex.Column.ShouldBe("801.4");
    }

    [Fact]
    public void Bad_date_names_register_and_position()
    {
        var text = Encoding.ASCII.GetString(Realistic().ToBytes()).Replace("15032025", "35132025", StringComparison.Ordinal);

        var ex = Should.Throw<GovernmentFormatException>(() => Read(Encoding.ASCII.GetBytes(text)));

        ex.Column.ShouldBe("506.4");
        ex.Line.ShouldBe(3);
    }

    [Fact]
    public void Child_record_of_another_pedimento_is_an_error()
    {
        var text = Encoding.ASCII.GetString(Realistic().ToBytes()).Replace("551|5000257|39269099", "551|5000999|39269099", StringComparison.Ordinal);

        var ex = Should.Throw<GovernmentFormatException>(() => Read(Encoding.ASCII.GetBytes(text)));

        ex.Column.ShouldBe("551.2");
    }

    [Fact]
    public void Random_bytes_only_format_error() =>
        Gen.Byte.Array[0, 400].Sample(b =>
        {
            try
            {
                Read(b);
            }
            catch (GovernmentFormatException)
            {
            }
        }, iter: 500);

    [Fact]
    public void Truncated_file_only_format_error()
    {
        var bytes = Realistic().ToBytes();
        Gen.Int[0, bytes.Length - 3].Sample(n => Should.Throw<GovernmentFormatException>(() => Read(bytes[..n])), iter: 300);
    }

    [Fact]
    public void Unsigned_pedimentos_closed_by_999_are_read_and_801_counts_the_999s()
    {
        var bytes = Realistic(unsigned: true).ToBytes();
        var text = Encoding.ASCII.GetString(bytes);
        text.ShouldContain("999|3420|5000257|070|");
        text.ShouldNotContain("800|");

        var sink = Read(bytes);

        sink.Pedimentos.Count.ShouldBe(2);
        sink.Pedimentos[0].Records.Select(r => r.Register).ShouldBe(["500", "501", "506", "551", "551", "999"]);
        sink.Pedimentos[1].Number!.Value.Digits15.ShouldBe("252434204001234");
        sink.Summary!.Records.ShouldBe(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public void Unsigned_file_whose_801_does_not_count_the_999s_is_an_error()
    {
        var w = Realistic(unsigned: true);
        var lines = Encoding.ASCII.GetString(w.ToBytes()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        w.RecordCountOverride = lines - 3; // the records before 801 without the two 999s

        var ex = Should.Throw<GovernmentFormatException>(() => Read(w.ToBytes()));

        ex.Column.ShouldBe("801.4");
    }

    [Fact]
    public void A_999_naming_another_pedimento_is_an_error()
    {
        var text = Encoding.ASCII.GetString(Realistic(unsigned: true).ToBytes())
            .Replace("999|3420|5000257|070|", "999|3420|5000258|070|", StringComparison.Ordinal);

        var ex = Should.Throw<GovernmentFormatException>(() => Read(Encoding.ASCII.GetBytes(text)));

        ex.Column.ShouldBe("999.3");
        ex.Message.ShouldContain("5000258");
    }

    [Fact]
    public void Unsigned_file_cut_after_a_999_is_truncated()
    {
        var text = Encoding.ASCII.GetString(Realistic(unsigned: true).ToBytes());
        var cut = text[..(text.IndexOf("801|", StringComparison.Ordinal))];

        Should.Throw<GovernmentFormatException>(() => Read(Encoding.ASCII.GetBytes(cut))).Message.ShouldContain("801");
    }

    [Theory]
    [InlineData("551|5000257|85423901|1|00|CIRCUITO||||1500.25|", "551|5000257|85423901|1|00|CIRCUITO||||1e400|", "551.10")]
    [InlineData("551|5000257|85423901|1|00|CIRCUITO||||1500.25|", "551|5000257|85423901|1|00|CIRCUITO||||99999999999999999999999999999999|", "551.10")]
    [InlineData("551|5000257|85423901|1|00|CIRCUITO||||1500.25|", "551|5000257|85423901|1|00|CIRCUITO||||1000000000000|", "551.10")]
    public void Garbage_or_huge_numbers_name_register_and_position(string from, string to, string column)
    {
        var text = Encoding.ASCII.GetString(Realistic().ToBytes());
        text.ShouldContain(from);

        var sink = new M3CollectingSink();
        var ex = Should.Throw<GovernmentFormatException>(() =>
        {
            using var ms = new MemoryStream(Encoding.ASCII.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));
            new M3Reader().Read(ms, "m3420001.074", sink);
            foreach (var p in sink.Pedimentos)
            {
                foreach (var r in p.Of("551"))
                {
                    _ = r.GetDecimal(10);
                }
            }
        });

        ex.Column.ShouldBe(column);
        ex.Line.ShouldNotBeNull();
    }
}
