using System.Buffers.Binary;
using System.Text;
using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.Storage;

/// <summary>
/// The discharge's catalog — parts and BOM rows mapped to the engine's indexes — as one blob (<c>discharge_catalog</c>,
/// migration 0024), written by a full run and read back by the incremental ones: parts and BOM imports always force a
/// full run (docs/architecture.md Decision 2), so until the next full run the blob is the catalog of the tables, and one
/// blob reads in milliseconds where 66,000 rows took a quarter of a second. Counts of both tables are kept so a reader
/// can check the blob still describes them. Decimals are stored as their four 32-bit parts (exact, scale kept).
/// </summary>
public static class CatalogCodec
{
    private const int Version = 1;

    public static byte[] Encode(IReadOnlyList<PartDef> parts, IReadOnlyList<BomLine> bom, long partRows, long bomRows)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(bom);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(partRows);
            w.Write(bomRows);
            w.Write(parts.Count);
            foreach (var p in parts)
            {
                w.Write(p.Client);
                w.Write(p.Part);
                w.Write((int)p.Kind);
                w.Write(p.National);
            }

            w.Write(bom.Count);
            foreach (var b in bom)
            {
                w.Write(b.Product);
                w.Write(b.Component);
                w.Write(b.QtyPer);
                w.Write(b.MermaPct);
                w.Write(b.DesperdicioPct);
                w.Write(b.ValidFrom.DayNumber);
                w.Write(b.ValidTo is { } to ? to.DayNumber : -1);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The catalog of a blob, with the row counts of the tables it was built from.</summary>
    public static (PartDef[] Parts, List<BomLine> Bom, long PartRows, long BomRows) Decode(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(blob) != Version)
        {
            throw new InvalidDataException("discharge catalog: unknown version");
        }

        using var r = new BinaryReader(new MemoryStream(blob, writable: false), Encoding.UTF8);
        _ = r.ReadInt32();
        var (partRows, bomRows) = (r.ReadInt64(), r.ReadInt64());
        var parts = new PartDef[r.ReadInt32()];
        var clients = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var client = r.ReadString();
            client = clients.TryGetValue(client, out var shared) ? shared : clients[client] = client;
            parts[i] = new PartDef(client, r.ReadString(), (PartKind)r.ReadInt32(), r.ReadBoolean());
        }

        var bom = new List<BomLine>(r.ReadInt32());
        for (var i = bom.Capacity; i > 0; i--)
        {
            var (product, component) = (r.ReadInt32(), r.ReadInt32());
            var (qtyPer, merma, desperdicio) = (r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimal());
            var (from, to) = (r.ReadInt32(), r.ReadInt32());
            bom.Add(new BomLine(product, component, qtyPer, merma, desperdicio, DateOnly.FromDayNumber(from),
                to < 0 ? null : DateOnly.FromDayNumber(to)));
        }

        if (r.BaseStream.Position != blob.Length)
        {
            throw new InvalidDataException("discharge catalog: bytes left after the BOM");
        }

        return (parts, bom, partRows, bomRows);
    }
}
