using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// The derived-data half of <c>traza audit verify</c> (SPEC §7: derived data "covered by `audit verify` by recomputation or
/// digest"): recomputes the <see cref="DerivedDigest"/> over every stored derived row and compares it, table by table, with
/// the one the discharge stored; then checks that the batch the run records as the last it saw is that batch of the
/// (already verified) chain, with the same chain hash.
/// </summary>
public static class DerivedAudit
{
    public static DerivedCheck Verify(SqliteConnection connection)
    {
        var actual = Digest(connection);

        var total = 0L;
        for (var t = 0; t < DerivedDigest.Tables.Count; t++)
        {
            total = checked(total + actual.Rows(t));
        }

        var run = new DischargeStore(connection).LatestRun();
        if (run is null)
        {
            for (var t = 0; t < DerivedDigest.Tables.Count; t++)
            {
                if (actual.Rows(t) > 0)
                {
                    return Broken($"{Name(t)} holds {actual.Rows(t)} rows but no discharge run is stored");
                }
            }

            return new DerivedCheck(true, "derived data: none stored (no discharge yet)");
        }

        if (DerivedDigest.Parse(run.DerivedDigest) is not { } stored)
        {
            return Broken($"discharge run {run.Id} has no digest (runs stored before migration 0028 were dropped by it)");
        }

        for (var t = 0; t < DerivedDigest.Tables.Count; t++)
        {
            if (!actual.SameTable(stored, t))
            {
                return Broken(actual.Rows(t) == stored.Rows(t)
                    ? $"{Name(t)}: stored rows differ from their digest"
                    : $"{Name(t)}: {actual.Rows(t)} rows stored, {stored.Rows(t)} digested");
            }
        }

        var head = LedgerHead(connection, run.LastBatch);
        if (!string.Equals(head, run.LedgerHead, StringComparison.Ordinal))
        {
            return Broken($"discharge run {run.Id} saw batch {run.LastBatch} with chain hash '{run.LedgerHead}', " +
                (head is null ? $"the ledger has no batch {run.LastBatch}" : $"the ledger's is '{head}'"));
        }

        return new DerivedCheck(true, string.Create(CultureInfo.InvariantCulture,
            $"derived data intact: discharge as of {run.AsOf:yyyy-MM-dd} through batch {run.LastBatch}, {total} rows verified"));
    }

    /// <summary>The digest of every derived row as stored now (what a run's stored digest must equal).</summary>
    public static DerivedDigest Digest(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var digest = new DerivedDigest();
        using var hasher = new DerivedRowHasher();
        for (var t = 0; t < DerivedDigest.Tables.Count; t++)
        {
            var table = DerivedDigest.Tables[t];
            using var rows = new DerivedRowStatement(connection, t, $"SELECT {table.Columns} FROM {table.Name}");
            rows.Run(hasher, digest, 1);
        }

        return digest;
    }

    private static DerivedCheck Broken(string why) => new(false, "derived data altered: " + why);

    private static string Name(int table) => $"{DerivedDigest.Tables[table].Name} ({DerivedDigest.Tables[table].Holds})";

    /// <summary>The chain hash of batch <paramref name="batch"/>, empty for batch 0 (no batch yet), null when there is none.</summary>
    private static string? LedgerHead(SqliteConnection connection, long batch)
    {
        if (batch == 0)
        {
            return string.Empty;
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT chain_hash FROM import_batch WHERE {SqliteDatabase.ProgramSql} AND id = $id";
        cmd.Parameters.AddWithValue("$id", batch);
        return cmd.ExecuteScalar() as string;
    }
}
