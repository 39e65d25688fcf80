using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Traza.Formats.Layouts;

namespace Traza.Bench.Kernels;

/// <summary>
/// The §4.1 CSV layout reader (<see cref="CsvRecordSource"/> + <see cref="EntriesReader"/>: fields found by header, claves
/// checked against the dated table, pedimentos, parts, dates and decimals parsed) over 100,000 entry lines held in
/// memory, shaped like <c>traza gen</c>'s (Op/s = rows per second; no SHA-256, no validation against the ledger, no
/// SQLite).
/// </summary>
[Config(typeof(KernelConfig))]
public class LayoutReaderKernel
{
    private const int Rows = 100_000;

    private string text = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        var sb = new StringBuilder(Rows * 110);
        sb.Append("pedimento,partida,clave,date,part,qty,qty_umt,value_usd,customs_value_mxn,exchange_rate,origin,preference,invoice,")
            .Append("rectifies,client,site\n");
        var date = new DateOnly(2025, 1, 1);
        for (var i = 0; i < Rows; i++)
        {
            var pedimento = 5_000_001 + (i / 10);
            var partida = 1 + (i % 10);
            if (partida == 1 && i % 30 == 0)
            {
                date = date.AddDays(1);
            }

            var qty = rng.Next(100, 20_000) + (rng.Next(0, 1000) / 1000m);
            var usd = Math.Round(qty * 3.26m, 2);
            sb.Append(CultureInfo.InvariantCulture,
                $"25301695{pedimento:0000000},{partida},IN,{date:yyyy-MM-dd},M{rng.Next(0, 17_750):00000},{qty},{qty},{usd},")
                .Append(CultureInfo.InvariantCulture, $"{Math.Round(usd * 20.3939m, 2)},20.3939,USA,,INV-{pedimento:000000}-{partida},,,PLANTA-1\n");
        }

        text = sb.ToString();
        if (ReadAll() != Rows)
        {
            throw new InvalidOperationException("the synthetic entries file did not read back whole");
        }

        Console.WriteLine($"// {Rows} entry lines, {Encoding.UTF8.GetByteCount(text) / 1e6:0.0} MB");
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int ReadAll()
    {
        using var reader = new EntriesReader(new CsvRecordSource(new StringReader(text)), "entries.csv");
        var rows = 0;
        while (reader.Read(out _))
        {
            rows++;
        }

        return reader.Error is { } error ? throw new InvalidOperationException(error.ToString()) : rows;
    }
}
