using System.Globalization;
using System.Text;
using Traza.Formats.Government;

namespace Traza.Formats.M3;

/// <summary>How an <see cref="M3FileWriter"/> writes dates.</summary>
public enum M3DateStyle
{
    /// <summary>DDMMAAAA, what real broker software writes.</summary>
    DayFirst,

    /// <summary>AAAAMMDD, as some specifications and fixtures show.</summary>
    YearFirst,
}

/// <summary>A partida for <see cref="M3FileWriter.AddPedimento"/> (register 551).</summary>
public sealed record M3Partida(int Partida, string Fraccion, string Nico, string Descripcion, decimal ValorUsd, decimal CantidadUmc, string Umc,
    decimal CantidadUmt, string Umt, string PaisOrigen);

/// <summary>
/// Writes SAAI M3 files in the delivered format — trailing pipes, LF (or CRLF), Windows-1252, 500 … 800 per
/// pedimento and a closing 801 with the counts — for tests and generated data.
/// </summary>
public sealed class M3FileWriter
{
    private readonly List<string[]> lines = [];
    private long pedimentos;

    public M3FileWriter(string fileName, M3DateStyle dateStyle = M3DateStyle.DayFirst, bool crlf = false)
    {
        FileName = fileName;
        DateStyle = dateStyle;
        Crlf = crlf;
    }

    public string FileName { get; }

    public M3DateStyle DateStyle { get; }

    public bool Crlf { get; }

    /// <summary>Overrides 801's record count (tests of the check).</summary>
    public long? RecordCountOverride { get; set; }

    /// <summary>Close the file with 999 instead of 801.</summary>
    public bool CloseWith999 { get; set; }

    /// <summary>An unsigned file (SPEC §4.2): each pedimento closes with <c>999|patente|pedimento|aduana|</c> instead of 800.</summary>
    public bool Unsigned { get; set; }

    public string Date(DateOnly d) =>
        d.ToString(DateStyle == M3DateStyle.DayFirst ? "ddMMyyyy" : "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Adds any record as fields (the register code first).</summary>
    public void AddRecord(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length > 0 && fields[0] == "500")
        {
            pedimentos++;
        }

        lines.Add(fields);
    }

    /// <summary>Adds a whole pedimento: 500, 501, 506 (pago), 551 per partida, 800.</summary>
    public void AddPedimento(string patente, string pedimento, string seccion, int tipoOperacion, string clave, string rfc, DateOnly fechaPago,
        IReadOnlyList<M3Partida> partidas, IEnumerable<string[]>? extraRecords = null)
    {
        ArgumentNullException.ThrowIfNull(partidas);
        AddRecord("500", "1", patente, pedimento, seccion, "");
        var r501 = new string[35];
        Array.Fill(r501, string.Empty);
        r501[0] = "501";
        r501[1] = patente;
        r501[2] = pedimento;
        r501[3] = seccion;
        r501[4] = tipoOperacion.ToString(CultureInfo.InvariantCulture);
        r501[5] = clave;
        r501[6] = seccion;
        r501[8] = rfc;
        r501[10] = "18.50000";
        AddRecord(r501);
        AddRecord("506", pedimento, "2", Date(fechaPago));
        foreach (var p in partidas)
        {
            var r = new string[26];
            Array.Fill(r, string.Empty);
            r[0] = "551";
            r[1] = pedimento;
            r[2] = p.Fraccion;
            r[3] = p.Partida.ToString(CultureInfo.InvariantCulture);
            r[4] = p.Nico;
            r[5] = p.Descripcion;
            r[9] = p.ValorUsd.ToString("F2", CultureInfo.InvariantCulture);
            r[10] = p.CantidadUmc.ToString("F3", CultureInfo.InvariantCulture);
            r[11] = p.Umc;
            r[12] = p.CantidadUmt.ToString("F3", CultureInfo.InvariantCulture);
            r[13] = p.Umt;
            r[20] = p.PaisOrigen;
            AddRecord(r);
        }

        foreach (var extra in extraRecords ?? [])
        {
            AddRecord(extra);
        }

        if (Unsigned)
        {
            AddRecord("999", patente, pedimento, seccion);
        }
        else
        {
            AddRecord("800", pedimento, "1", "FIRMA", "00001000000500000000");
        }
    }

    /// <summary>The file's bytes.</summary>
    public byte[] ToBytes()
    {
        var nl = Crlf ? "\r\n" : "\n";
        var sb = new StringBuilder();
        foreach (var l in lines)
        {
            sb.Append(string.Join('|', l)).Append('|').Append(nl);
        }

        var count = RecordCountOverride ?? lines.Count;
        sb.Append(CloseWith999 ? "999" : "801").Append('|').Append(FileName).Append('|')
            .Append(pedimentos.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append('|').Append("001").Append('|').Append(nl);
        return GovernmentEncoding.Windows1252.GetBytes(sb.ToString());
    }

    public void Write(string path) => File.WriteAllBytes(path, ToBytes());
}
