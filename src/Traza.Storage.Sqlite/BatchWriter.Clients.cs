namespace Traza.Storage.Sqlite;

// BatchWriter: the program row, clients (created on the first row naming them, SPEC §3.2, or added explicitly) and
// period actions — rows keyed by the program or the batch rather than by a file line's content.
public sealed partial class BatchWriter
{
    /// <summary>True when the client is registered (or is the program's own, '').</summary>
    public bool ClientExists(string client) => client.Length == 0 || clients.Contains(client);

    /// <summary>Creates the client on the first row naming it (SPEC §3.2); the program's own '' needs no row.</summary>
    public bool EnsureClient(string client, long line)
    {
        if (ClientExists(client))
        {
            return false;
        }

        Insert(TableSpec.Client, [client], [DBNull.Value, DBNull.Value, DBNull.Value], line);
        clients.Add(client);
        return true;
    }

    /// <summary>Registers a client explicitly (traza clients add); an existing client with other content conflicts.</summary>
    public InsertResult AddClient(ClientRecord client, long line)
    {
        var result = Insert(TableSpec.Client, [client.Client], [SqlText.Value(client.Name), SqlText.Value(client.Parent), SqlText.Value(client.Since)], line);
        clients.Add(client.Client);
        return result;
    }

    public InsertResult AddProgram(ProgramRecord program, long line) => Insert(
        TableSpec.Program,
        [],
        [program.Rfc, program.Name, program.Immex, program.Modality, SqlText.Value(program.ValidFrom), SqlText.Value(program.ValidTo)],
        line);

    /// <summary>Records a period close or reopen (migration 0026), keyed by this batch's id.</summary>
    public InsertResult AddPeriodAction(PeriodActionRecord action, long line)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Insert(TableSpec.PeriodClose, [string.Empty, BatchId], [action.Action, action.Period, SqlText.Value(action.Reason)], line);
    }

    /// <summary>Records the program's term options (migration 0033), keyed by this batch's id.</summary>
    public InsertResult AddProgramTerms(ProgramTermsRecord terms, long line)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Insert(
            TableSpec.ProgramTerms,
            [string.Empty, BatchId],
            [terms.Sets, terms.MissingDay, terms.ExtendToBusinessDay ? "yes" : "no", SqlText.Value(terms.CancelledOn), (long)terms.CancellationWindowDays],
            line);
    }
}
