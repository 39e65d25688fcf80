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

    public InsertResult AddEvent(EventRecord v, long line) =>
        Append(TableSpec.Event, LedgerRows.Encode(v, line, Writer(TableSpec.Event).Row), line);

    public InsertResult AddCount(CountRecord c, long line) => Append(TableSpec.Count, LedgerRows.Encode(c, Writer(TableSpec.Count).Row), line);
}
