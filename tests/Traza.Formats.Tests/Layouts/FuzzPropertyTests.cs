using System.IO.Compression;
using System.Text;
using CsCheck;
using Traza.Formats.Government;
using Traza.Formats.Layouts;
using Traza.Formats.M3;
using Traza.Formats.Tests.Government;

namespace Traza.Formats.Tests.Layouts;

/// <summary>
/// SPEC §9, issue 11: no input ends in an unhandled exception. Every §4.1 layout reader, over random bytes and over
/// truncations and mutations of a valid file, gives rows or a <see cref="LayoutError"/>; the M3 reader and the Data Stage
/// reader over mutated records give records or a <see cref="GovernmentFormatException"/> — never another exception.
/// </summary>
public sealed class FuzzPropertyTests
{
    /// <summary>A valid file of every layout, and how to read it to the end (rows read, or -1 at an error).</summary>
    public static readonly (string Layout, string Text, Func<IRecordSource, int> Drain)[] Layouts =
    [
        ("parts", "part,description,kind,fraccion,nico,umc,umt,umt_per_umc,origin,source,client\n" +
            "MAT-1,Acero Ñ,material,72085101,00,6,1,0.5,US,,\nFG-1,\"Widget, big\",finished,,,6,,,,,acme\n",
            s => Drain(new PartsReader(s, "f"))),
        ("bom", "product,component,qty_per,merma_pct,desperdicio_pct,valid_from,valid_to,client\n" +
            "FG-1,MAT-1,2.5,1.5,0.25,2025-01-01,2025-12-31,\nFG-1,MAT-2,0.0000000001,,,,,\n",
            s => Drain(new BomReader(s, "f"))),
        ("entries", "pedimento,partida,clave,date,part,qty,qty_umt,value_usd,customs_value_mxn,exchange_rate,origin,preference,invoice," +
            "rectifies,client,site\n254734565000123,1,IN,2025-01-05,MAT-1,999999999999.999999,5,10.5,200,18.5,US,TMEC,F-1,,,S1\n" +
            "25 47 3456 5000124,2,NAC,2025-01-06,MAT-2,1,,,,,,,,,acme,\n",
            s => Drain(new EntriesReader(s, "f"))),
        ("exits", "pedimento,partida,clave,date,part,qty,qty_umt,value_usd,destination,counterparty,case,bom_date,source_pedimento," +
            "source_partida,rectifies,client\n254734565000200,1,RT,2025-02-05,FG-1,3,,30,US,,,2025-02-01,254734565000123,1,,\n" +
            "DOC-9,1,A1,2025-02-06,MAT-1,1,,,,,V,,,,,acme\n",
            s => Drain(new ExitsReader(s, "f"))),
        ("events", "date,type,part,qty,waste,reference,third_party,client,site\n2025-03-01,destruction,MAT-1,1,yes,ACTA-1,,,\n" +
            "2025-03-02,adjustment,MAT-2,-0.5,,,,acme,S1\n",
            s => Drain(new EventsReader(s, "f"))),
        ("counts", "date,part,qty,site,client\n2025-04-01,MAT-1,10,S1,\n2025-04-01,MAT-2,0,,acme\n", s => Drain(new CountsReader(s, "f"))),
        ("tariffs", "fraccion,nico,mfn_pct,valid_from,valid_to\n7208.51.01,00,5,2025-01-01,\n72085101,,0,2020-01-01,2024-12-31\n",
            s => Drain(new TariffsReader(s, "f"))),
        ("partners", "country,agreement,valid_from,valid_to\nus,TMEC,2020-07-01,\nJP,AAE,2005-04-01,2030-01-01\n",
            s => Drain(new PartnersReader(s, "f"))),
        ("rates", "date,mxn_per_usd\n2025-01-02,20.5\n2025-01-03,20.4\n", s => Drain(new RatesReader(s, "f"))),
        ("inpc", "month,index\n2025-01,137.949\n2025-02,138.2\n", s => Drain(MonthlyReader.Inpc(s, "f"))),
        ("surcharges", "month,pct\n2025-01,1.47\n2025-02,0\n", s => Drain(MonthlyReader.Surcharges(s, "f"))),
        ("terms", "kind,clave,fraccion,months,valid_from,valid_to,note\ncontainer,,,24,2020-01-01,,108-II\n,AF,,program,2020-01-01,,\n",
            s => Drain(new TermsReader(s, "f"))),
    ];

    /// <summary>Bytes that break CSV and number syntax most often, and the rest of the byte range.</summary>
    private static readonly Gen<byte> Nasty = Gen.OneOf(
        Gen.OneOf("\",\n\r.-+e0123456789 ;|\t"u8.ToArray()),
        Gen.OneOf<byte>(0x00, 0x80, 0xC3, 0xD1, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF),
        Gen.Byte);

    /// <summary>Field values that once crashed or overflowed somewhere.</summary>
    private static readonly Gen<string> NastyField = Gen.OneOf(
        "1e400", "79228162514264337593543950335", "-79228162514264337593543950336", "999999999999.9999999", "1000000000000",
        "0.0000001", "9999-12-31", "0001-01-01", "2025-02-30", "99999999999999999999", "-0", ".", "-", "\"", "\"\"", "1,5", "NaN",
        "١٢٣", "2147483648", "-1", "0", "program", "99999999");

    private static int Drain<TRow>(LayoutReader<TRow> reader)
    {
        using (reader)
        {
            var rows = 0;
            while (reader.Read(out _))
            {
                rows++;
            }

            return reader.Error is null ? rows : -1;
        }
    }

    private static int Read(int layout, byte[] bytes) => Layouts[layout].Drain(CsvRecordSource.Open(new MemoryStream(bytes)));

    private static byte[] Valid(int layout) => Encoding.UTF8.GetBytes(Layouts[layout].Text);

    [Fact]
    public void Every_layout_reads_its_valid_sample()
    {
        for (var i = 0; i < Layouts.Length; i++)
        {
            Read(i, Valid(i)).ShouldBe(2, Layouts[i].Layout);
        }
    }

    [Fact]
    public void Random_bytes_give_rows_or_a_layout_error_in_every_layout() =>
        Gen.Select(Gen.Int[0, Layouts.Length - 1], Nasty.Array[0, 400])
            .Sample((layout, bytes) => Read(layout, bytes) >= -1, iter: 3000);

    [Fact]
    public void Random_bytes_after_a_valid_header_give_rows_or_a_layout_error() =>
        Gen.Select(Gen.Int[0, Layouts.Length - 1], Nasty.Array[0, 300]).Sample((layout, tail) =>
        {
            var header = Layouts[layout].Text[..(Layouts[layout].Text.IndexOf('\n', StringComparison.Ordinal) + 1)];
            return Read(layout, [.. Encoding.UTF8.GetBytes(header), .. tail]) >= -1;
        }, iter: 3000);

    [Fact]
    public void Truncated_valid_file_reads_at_most_its_rows_or_a_layout_error() =>
        Gen.Int[0, Layouts.Length - 1].SelectMany(layout => Gen.Int[0, Valid(layout).Length].Select(cut => (layout, cut)))
            .Sample((layout, cut) => Read(layout, Valid(layout)[..cut]) <= 2, iter: 2000);

    [Fact]
    public void Mutated_valid_file_gives_rows_or_a_layout_error() =>
        Gen.Int[0, Layouts.Length - 1]
            .SelectMany(layout => Gen.Select(Gen.Int[0, Valid(layout).Length - 1], Nasty).Array[1, 6].Select(edits => (layout, edits)))
            .Sample((layout, edits) =>
            {
                var bytes = Valid(layout);
                foreach (var (at, value) in edits)
                {
                    bytes[at] = value;
                }

                return Read(layout, bytes) >= -1;
            }, iter: 3000);

    [Fact]
    public void Valid_file_with_a_field_replaced_by_a_nasty_value_gives_rows_or_a_layout_error() =>
        Gen.Int[0, Layouts.Length - 1]
            .SelectMany(layout => Gen.Select(Gen.Int[1, 2], Gen.Int[0, 20], NastyField).Select(edit => (layout, edit)))
            .Sample((layout, edit) =>
            {
                var lines = Layouts[layout].Text.Split('\n');
                var fields = lines[edit.Item1].Split(',');
                fields[edit.Item2 % fields.Length] = edit.Item3;
                lines[edit.Item1] = string.Join(',', fields);
                return Read(layout, Encoding.UTF8.GetBytes(string.Join('\n', lines))) >= -1;
            }, iter: 3000);

    [Fact]
    public void M3_file_with_a_field_replaced_by_a_nasty_value_gives_records_or_a_format_error()
    {
        var w = new M3FileWriter("m3420001.074");
        w.AddPedimento("3420", "5000257", "070", 1, "IN", TestPackages.Rfc, new DateOnly(2025, 3, 15),
            [new M3Partida(1, "85423901", "00", "CIRCUITO", 1500.25m, 1000m, "6", 1000m, "6", "USA")]);
        var lines = Encoding.ASCII.GetString(w.ToBytes()).Split('\n');
        Gen.Select(Gen.Int[0, lines.Length - 2], Gen.Int[0, 30], NastyField).Sample((line, field, value) =>
        {
            var copy = (string[])lines.Clone();
            var fields = copy[line].Split('|');
            fields[field % fields.Length] = value.Replace("|", string.Empty, StringComparison.Ordinal);
            copy[line] = string.Join('|', fields);
            try
            {
                var sink = new M3CollectingSink();
                using var ms = new MemoryStream(GovernmentEncoding.Windows1252.GetBytes(string.Join('\n', copy)));
                new M3Reader().Read(ms, "m3420001.074", sink);
                foreach (var record in sink.Pedimentos.SelectMany(p => p.Records))
                {
                    // What the importer reads of each record: its numbers and dates.
                    for (var position = 2; position <= record.Fields.Count; position++)
                    {
                        if (record.Register == "551" && position is 10 or 11 or 13)
                        {
                            _ = record.GetDecimal(position);
                        }
                    }
                }
            }
            catch (GovernmentFormatException e)
            {
                e.File.ShouldBe("m3420001.074");
            }
        }, iter: 1500);
    }

    [Fact]
    public void Data_Stage_member_with_a_field_replaced_by_a_nasty_value_gives_rows_or_a_format_error()
    {
        using var w = TestPackages.Realistic();
        var members = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(new MemoryStream(TestPackages.Zip(w)), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                members[entry.FullName] = copy.ToArray();
            }
        }

        var names = members.Keys.Where(n => members[n].Length > 0).Order(StringComparer.Ordinal).ToArray();
        Gen.Select(Gen.Int[0, names.Length - 1], Gen.Int[1, 40], Gen.Int[0, 60], NastyField).Sample((member, line, field, value) =>
        {
            var lines = GovernmentEncoding.Windows1252.GetString(members[names[member]]).Split('\n');
            var at = line % lines.Length;
            var fields = lines[at].Split('|');
            fields[field % fields.Length] = value.Replace("|", string.Empty, StringComparison.Ordinal);
            lines[at] = string.Join('|', fields);
            using var output = new MemoryStream();
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, bytes) in members)
                {
                    using var stream = zip.CreateEntry(name).Open();
                    stream.Write(name == names[member] ? GovernmentEncoding.Windows1252.GetBytes(string.Join('\n', lines)) : bytes);
                }
            }

            try
            {
                TestPackages.ReadBytes(output.ToArray(), "pkg.zip");
            }
            catch (GovernmentFormatException e)
            {
                e.File.ShouldStartWith("pkg.zip");
            }
        }, iter: 400);
    }
}
