namespace Traza.Storage.Sqlite;

// BatchWriter: the typed ledger rows of the SPEC §4.1 layouts, each encoded into its stored form on the writer's
// thread and appended.
public sealed partial class BatchWriter
{
    public InsertResult AddPart(PartRecord p, long line) => Append(TableSpec.Part, LedgerRows.Encode(p, Writer(TableSpec.Part).Row), line);

    public InsertResult AddBom(BomRecord b, long line) => Append(TableSpec.Bom, LedgerRows.Encode(b, Writer(TableSpec.Bom).Row), line);

    public InsertResult AddEntry(EntryRecord e, long line) => Append(TableSpec.Entry, LedgerRows.Encode(e, Writer(TableSpec.Entry).Row), line);

    /// <summary>As <see cref="LedgerRows.EncodeOpening"/>, encoded on the writer's thread.</summary>
    public InsertResult AddOpening(EntryRecord e, long line) =>
        Append(TableSpec.EntryOpening, LedgerRows.EncodeOpening(e, Writer(TableSpec.EntryOpening).Row), line);

    public InsertResult AddExit(ExitRecord x, long line) => Append(TableSpec.Exit, LedgerRows.Encode(x, Writer(TableSpec.Exit).Row), line);

    public InsertResult AddEvent(EventRecord v, long line)
    {
        ArgumentNullException.ThrowIfNull(v);
        var row = Writer(TableSpec.Event).Row;
        row.Clear();
        row.Set(0, v.Client);
        row.Set(1, (DateOnly?)v.Date);
        row.Set(2, v.Type);
        row.Set(3, v.Part);
        row.Set(4, v.Reference);
        row.Set(5, line);
        row.Set(6, (decimal?)v.Qty);
        row.Set(7, v.Waste ? 1L : 0L);
        row.Set(8, v.ThirdParty);
        row.Set(9, v.Site);
        return Append(TableSpec.Event, row.ToEncoded(), line);
    }

    public InsertResult AddCount(CountRecord c, long line) => Append(TableSpec.Count, LedgerRows.Encode(c, Writer(TableSpec.Count).Row), line);
}
