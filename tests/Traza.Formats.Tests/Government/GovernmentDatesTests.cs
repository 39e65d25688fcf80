using Traza.Formats.Government;

namespace Traza.Formats.Tests.Government;

public class GovernmentDatesTests
{
    [Theory]
    [InlineData("2025-01-10")]
    [InlineData("2025/01/10")]
    [InlineData("2025-01-10 13:45:10")]
    [InlineData("2025/01/10 13:45:10")]
    [InlineData("2025-01-10 13:45")]
    [InlineData("2025-01-10 13:45:10.000")]
    [InlineData("10/01/2025")]
    public void Data_stage_date_forms_parse(string text)
    {
        GovernmentDates.TryParseDataStage(text, out var d).ShouldBeTrue();
        d.ShouldBe(new DateOnly(2025, 1, 10));
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("2025-01-10 25:00:00")]
    [InlineData("20250110")]
    [InlineData("2025-1-10")]
    [InlineData("")]
    public void Data_stage_bad_dates_rejected(string text) => GovernmentDates.TryParseDataStage(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("15032025", 2025, 3, 15)]
    [InlineData("20250315", 2025, 3, 15)]
    [InlineData("01122019", 2019, 12, 1)]
    [InlineData("20191201", 2019, 12, 1)]
    [InlineData("20112011", 2011, 11, 20)]
    public void M3_dates_told_apart_by_validity(string text, int y, int m, int d)
    {
        GovernmentDates.TryParseM3(text, out var date).ShouldBeTrue();
        date.ShouldBe(new DateOnly(y, m, d));
    }

    [Theory]
    [InlineData("32132025")]
    [InlineData("2025031")]
    [InlineData("abcdefgh")]
    public void M3_bad_dates_rejected(string text) => GovernmentDates.TryParseM3(text, out _).ShouldBeFalse();

    [Fact]
    public void Line_reader_handles_crlf_lf_bom_and_unterminated_last_line()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\r', (byte)'\n', (byte)'b', (byte)'\n', (byte)'c' };
        var r = new GovernmentLineReader(new MemoryStream(bytes), 16);
        var lines = new List<string>();
        while (r.TryReadLine(out var l))
        {
            lines.Add(System.Text.Encoding.ASCII.GetString(l));
        }

        lines.ShouldBe(["a", "b", "c"]);
        r.IsUtf8.ShouldBeTrue();
        r.LastLineTerminated.ShouldBeFalse();
    }

    [Fact]
    public void Line_reader_long_lines_across_buffer_refills()
    {
        var line = new string('x', 5000);
        var bytes = System.Text.Encoding.ASCII.GetBytes(line + "\r\n" + line + "\r\n");
        var r = new GovernmentLineReader(new MemoryStream(bytes), 64);
        var n = 0;
        while (r.TryReadLine(out var l))
        {
            l.Length.ShouldBe(5000);
            n++;
        }

        n.ShouldBe(2);
    }
}
