using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

// DischargeStore: the last reconciliation of each scope (migration 0038, issue 13 item 7) — a cache the application
// keys and digests (Traza.App.Reconciliation.StoredFindings); the store only keeps one row per scope.
public sealed partial class DischargeStore
{
    private const string ReconciliationColumns = "scope, as_of, options, stamp, computed_at, rows, findings, digest";

    public StoredReconciliation? Reconciliation(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        using var cmd = Command(null, $"SELECT {ReconciliationColumns} FROM reconcile_result WHERE {SqliteDatabase.ProgramSql} AND scope = $scope");
        cmd.Parameters.AddWithValue("$scope", scope);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadReconciliation(r) : null;
    }

    public IReadOnlyList<StoredReconciliation> Reconciliations()
    {
        using var cmd = Command(null, $"SELECT {ReconciliationColumns} FROM reconcile_result WHERE {SqliteDatabase.ProgramSql} ORDER BY scope");
        using var r = cmd.ExecuteReader();
        var result = new List<StoredReconciliation>();
        while (r.Read())
        {
            result.Add(ReadReconciliation(r));
        }

        return result;
    }

    public void SaveReconciliation(StoredReconciliation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var cmd = Command(null,
            $"INSERT OR REPLACE INTO reconcile_result (program_id, {ReconciliationColumns}) " +
            $"VALUES ({SqliteDatabase.ProgramIdSql}, $scope, $asof, $options, $stamp, $at, $rows, $findings, $digest)");
        cmd.Parameters.AddWithValue("$scope", result.Scope);
        cmd.Parameters.AddWithValue("$asof", CanonicalText.Date(result.AsOf));
        cmd.Parameters.AddWithValue("$options", result.Options);
        cmd.Parameters.AddWithValue("$stamp", result.Stamp);
        cmd.Parameters.AddWithValue("$at", result.ComputedAt);
        cmd.Parameters.AddWithValue("$rows", result.Rows);
        cmd.Parameters.AddWithValue("$findings", result.Findings);
        cmd.Parameters.AddWithValue("$digest", result.Digest);
        cmd.ExecuteNonQuery();
    }

    private static StoredReconciliation ReadReconciliation(SqliteDataReader r) =>
        new(r.GetString(0), CanonicalText.ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5),
            r.GetString(6), r.GetString(7));
}
