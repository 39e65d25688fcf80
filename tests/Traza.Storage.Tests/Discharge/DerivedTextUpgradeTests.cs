using Microsoft.Data.Sqlite;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests.Discharge;

/// <summary>
/// Issue 12: DischargeStore wrote derived quantities in the BCL's text ("1.500000") until it took
/// Traza.Domain.Common.CanonicalText ("1.5"). A database whose derived rows hold the old text still verifies, reads the same
/// values, and verifies again after an incremental save replaces some of its rows with the new text.
/// </summary>
public sealed class DerivedTextUpgradeTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    private static readonly DateOnly Mar1 = new(2025, 3, 1);
    private static readonly DateOnly Mar20 = new(2025, 3, 20);

    private static DischargeRunRecord Run(long id, DateOnly asOf) => new(id, asOf, string.Empty, "s", "f", 3, 0, 2);

    [Fact]
    public void Derived_rows_in_the_old_decimal_text_still_verify_and_mix_with_new_rows()
    {
        using var store = db.Open();
        var discharge = new DischargeStore(store.Connection);
        StoredShortage[] shortages =
        [
            new("", 1, "MAT-1", "exit", "254734565000200", Mar1, 1.500000m),
            new("", 2, "MAT-1", "exit", "254734565000201", Mar20, 2.000000m),
        ];
        StoredWasteDisposal[] disposals = [new("", 3, "MAT-1", "254734565000001", 1, Mar1, 0.250000m)];
        StoredFinding[] findings = [new("", "directed_source_short", 2, "254734565000201", Mar20, "MAT-1", "254734565000001", 1, 3.100000m, "x")];
        discharge.Save(Run(1, Mar20), [], shortages, disposals, findings);
        Texts("discharge_shortage").ShouldBe(["1.5", "2"]);
        store.VerifyDerived().Intact.ShouldBeTrue();

        // The database as the code before issue 12 left it: the same rows with the BCL's text, digested as written.
        WriteOldText(store.Connection, discharge);
        Texts("discharge_shortage").ShouldBe(["1.500000", "2.000000"]);
        Texts("discharge_waste_disposal").ShouldBe(["0.250000"]);
        Texts("discharge_finding").ShouldBe(["3.100000"]);
        store.VerifyDerived().Intact.ShouldBeTrue(store.VerifyDerived().Message);
        discharge.Shortages().Select(s => s.Qty).ShouldBe([1.5m, 2m]);
        discharge.Findings().Single().Qty.ShouldBe(3.1m);

        // An incremental save from Mar 10 deletes the Mar 20 rows (old text) and writes new ones (canonical text).
        discharge.SaveIncremental(Run(2, Mar20), [], new DateOnly(2025, 3, 10),
            [shortages[1] with { Qty = 2.500000m }], [], [findings[0] with { Qty = 0.100000m }]);
        Texts("discharge_shortage").ShouldBe(["1.500000", "2.5"]);
        Texts("discharge_finding").ShouldBe(["0.1"]);
        var check = store.VerifyDerived();
        check.Intact.ShouldBeTrue(check.Message);

        // And a row altered afterwards is still caught.
        Exec(store.Connection, "UPDATE discharge_shortage SET qty = '1.5' WHERE movement = 1");
        store.VerifyDerived().Intact.ShouldBeFalse();
    }

    /// <summary>
    /// Migration 0036 added two derived tables (work-order reservations and kit draws): a run stored before it carries a digest
    /// of the seven earlier tables, which still verifies (the new tables read as empty, which they are) and still resumes.
    /// </summary>
    [Fact]
    public void A_digest_stored_before_the_work_order_tables_still_verifies_and_resumes()
    {
        using var store = db.Open();
        var discharge = new DischargeStore(store.Connection);
        StoredShortage[] shortages = [new("", 1, "MAT-1", "exit", "254734565000200", Mar1, 1.5m)];
        discharge.Save(Run(1, Mar20), [], shortages, [], []);
        var lines = discharge.LatestRun().ShouldNotBeNull().DerivedDigest.ShouldNotBeNull().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(9);
        Exec(store.Connection, $"UPDATE discharge_run SET derived_digest = '{string.Join('\n', lines[..7])}\n'");
        var check = store.VerifyDerived();
        check.Intact.ShouldBeTrue(check.Message);

        discharge.SaveIncremental(Run(2, Mar20), [], new DateOnly(2025, 3, 10), [], [], []);
        discharge.LatestRun().ShouldNotBeNull().DerivedDigest.ShouldNotBeNull().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(9);
        store.VerifyDerived().Intact.ShouldBeTrue();
        DerivedDigest.Parse(string.Join('\n', lines[..6])).ShouldBeNull("a digest missing an earlier table is no digest");
    }

    /// <summary>Rewrites every derived qty in <c>decimal.ToString</c>'s text and moves the stored digest along, row by row.</summary>
    private static void WriteOldText(SqliteConnection connection, DischargeStore discharge)
    {
        var run = discharge.LatestRun().ShouldNotBeNull();
        var digest = DerivedDigest.Parse(run.DerivedDigest).ShouldNotBeNull();
        using var hasher = new DerivedRowHasher();
        foreach (var table in new[] { DerivedDigest.Shortage, DerivedDigest.WasteDisposal, DerivedDigest.Finding })
        {
            var spec = DerivedDigest.Tables[table];
            using (var rows = new DerivedRowStatement(connection, table, $"SELECT {spec.Columns} FROM {spec.Name}"))
            {
                rows.Run(hasher, digest, -1);
            }

            // 6 decimals: the engine's micro-units, as the old writer's decimal.ToString() printed them.
            Exec(connection, $"UPDATE {spec.Name} SET qty = printf('%.6f', CAST(qty AS REAL))");
            using (var rows = new DerivedRowStatement(connection, table, $"SELECT {spec.Columns} FROM {spec.Name}"))
            {
                rows.Run(hasher, digest, 1);
            }
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE discharge_run SET derived_digest = $d";
        cmd.Parameters.AddWithValue("$d", digest.Format());
        cmd.ExecuteNonQuery().ShouldBe(1);
    }

    private List<string> Texts(string table)
    {
        using var connection = new SqliteConnection(SqliteDatabase.ConnectionString(db.Path_));
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT qty FROM {table} ORDER BY movement";
        using var r = cmd.ExecuteReader();
        var texts = new List<string>();
        while (r.Read())
        {
            texts.Add(r.GetString(0));
        }

        return texts;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
