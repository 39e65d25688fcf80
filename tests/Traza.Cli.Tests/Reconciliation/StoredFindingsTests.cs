using Traza.App.Reconciliation;
using Traza.Storage;

namespace Traza.Cli.Tests.Reconciliation;

/// <summary>
/// Issue 13 item 7: the findings of `report reconcile` are stored per scope (migration 0038) and served again while the
/// scope, as-of, tolerances and stamp (last batch, stored run, build) are unchanged — and only then: every change of
/// what they depend on computes them again, an altered row is never served, and `audit verify` names it. On both stores.
/// </summary>
public class StoredFindingsTests
{
    [Fact]
    public void A_second_run_is_served_from_the_stored_findings_and_equals_the_first()
    {
        using var cli = WorkedExample();
        var first = Reconcile(cli);
        first.Length.ShouldBe(19); // the header and the worked example's 18 findings

        using (var store = TestStore.Open(cli.Db, cli.Clock))
        {
            var stored = store.Derived.Reconciliation("").ShouldNotBeNull();
            stored.Rows.ShouldBe(18);
            stored.AsOf.ShouldBe(new DateOnly(2025, 12, 31));
            stored.Options.ShouldBe("qty-tolerance=0.001;value-tolerance=1");
            StoredFindings.Intact(stored).ShouldBeTrue();
            StoredFindings.Decode(stored.Findings).Count.ShouldBe(18);

            // A stored row with a valid digest is what the next run serves: proof that it does not compute again.
            Replace(store, stored, keep: 1);
        }

        Reconcile(cli).ShouldBe(first.Take(2));
    }

    [Fact]
    public void What_the_findings_depend_on_changing_computes_them_again()
    {
        using var cli = WorkedExample();
        var first = Reconcile(cli);
        Shrink(cli);

        // Another as-of, other tolerances, another client: each computes afresh (the shrunk row is not served).
        cli.ReportCsv("reconcile", "--as-of", "2025-12-30").Length.ShouldBe(19);
        Shrink(cli);
        Reconcile(cli, "--qty-tolerance", "100").Length.ShouldBeLessThan(19);
        Reconcile(cli).ShouldBe(first);

        // A new batch (here: a reversal of the exits) changes the stamp: computed again, and the findings change with it.
        Shrink(cli);
        var batches = cli.ReportCsv("batches");
        var exitsBatch = batches.Skip(1).Single(l => l.Contains(",exits,", StringComparison.Ordinal)).Split(',')[0];
        cli.Run("reverse", "--batch", exitsBatch, "--reason", "test").Exit.ShouldBe(0);
        var after = Reconcile(cli);
        after.Length.ShouldBeGreaterThan(2);
        after.ShouldNotBe(first);
        after.ShouldNotContain(l => l.StartsWith("descargo_differs", StringComparison.Ordinal));
    }

    [Fact]
    public void An_altered_row_is_never_served_and_audit_verify_names_it()
    {
        using var cli = WorkedExample();
        var first = Reconcile(cli);
        cli.Run("audit", "verify").Stdout.ShouldContain("stored reconciliations intact: 1 by digest");

        // Findings changed without their digest: not served, and audit verify fails naming the row.
        using (var store = TestStore.Open(cli.Db, cli.Clock))
        {
            var stored = store.Derived.Reconciliation("").ShouldNotBeNull();
            var findings = StoredFindings.Decode(stored.Findings);
            store.Derived.SaveReconciliation(stored with { Findings = StoredFindings.Encode(findings.Take(3).ToList()) });
        }

        var audit = cli.Run("audit", "verify");
        audit.Exit.ShouldBe(5);
        audit.Stderr.ShouldContain("reconcile_result of the whole program as of 2025-12-31 does not match its digest");
        Reconcile(cli).ShouldBe(first);
        cli.Run("audit", "verify").Exit.ShouldBe(0);

        // Findings changed with a digest to match: only a recomputation sees it, and `--recompute` does.
        Shrink(cli);
        cli.Run("audit", "verify").Exit.ShouldBe(0);
        var recompute = cli.Run("audit", "verify", "--recompute");
        recompute.Exit.ShouldBe(5);
        recompute.Stderr.ShouldContain("differs from the findings computed again");
    }

    [Fact]
    public void Audit_verify_recompute_holds_a_true_stored_result()
    {
        using var cli = WorkedExample();
        Reconcile(cli);
        var r = cli.Run("audit", "verify", "--recompute");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("stored reconciliations intact: 1 by digest, 1 current one(s) computed again");
    }

    [Fact]
    public void Each_client_scope_is_stored_apart()
    {
        using var cli = WorkedExample();
        var whole = Reconcile(cli);
        cli.Run("clients", "add", "C1").Exit.ShouldBe(0);
        Reconcile(cli, "--client", "C1").Length.ShouldBeLessThan(whole.Length);
        using var store = TestStore.Open(cli.Db, cli.Clock);
        store.Derived.Reconciliations().Select(s => s.Scope).ShouldBe(["", "C1"]);
        store.Derived.Reconciliation("C1").ShouldNotBeNull().Rows.ShouldBeLessThan(18);
    }

    private static CliHarness WorkedExample()
    {
        var cli = ReconcileTests.Ledger(clean: false);
        ReconcileTests.Import(cli, clean: false);
        return cli;
    }

    private static string[] Reconcile(CliHarness cli, params string[] extra) =>
        cli.ReportCsv("reconcile", ["--as-of", "2025-12-31", .. extra]);

    /// <summary>Replaces the stored whole-program result by its first finding, with a digest to match.</summary>
    private static void Shrink(CliHarness cli)
    {
        using var store = TestStore.Open(cli.Db, cli.Clock);
        Replace(store, store.Derived.Reconciliation("").ShouldNotBeNull(), keep: 1);
    }

    private static void Replace(ITrazaStore store, StoredReconciliation stored, int keep)
    {
        var kept = StoredFindings.Decode(stored.Findings).Take(keep).ToList();
        var altered = stored with { Findings = StoredFindings.Encode(kept), Rows = kept.Count };
        store.Derived.SaveReconciliation(altered with { Digest = StoredFindings.Digest(altered) });
    }
}
