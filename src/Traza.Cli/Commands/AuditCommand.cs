using System.CommandLine;
using Traza.App.Discharge;
using Traza.App.Reconciliation;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza audit verify [--recompute]</c> (SPEC §5, §7): recomputes every batch digest and walks the hash chain, then
/// checks the stored derived data against its digest (and, with <c>--recompute</c>, against a discharge re-run in memory);
/// exit 0 when intact, 5 naming the first broken link or the altered derived table.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var recompute = new Option<bool>("--recompute")
        {
            Description =
                "also re-run the discharge in memory at the stored run's as-of date and compare it with the stored derived data (slower)",
        };
        var verify = new Command("verify", "check the ledger's hash chain and the stored derived data (exit 5 naming what is broken)")
        {
            recompute,
        };
        verify.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var check = store.VerifyChain();
            if (!check.Intact)
            {
                context.Stderr.WriteLine($"ledger broken at {check.Reason}");
                return TrazaCli.AuditFailure;
            }

            context.Stdout.WriteLine($"ledger intact: {check.BatchesChecked} batches verified");
            if (store.Batches() is [.., var last])
            {
                // Who did the last thing, and when (issue 11 item 7); `traza report batches` lists every batch.
                var by = last.Operator ?? "(not recorded)";
                context.Stdout.WriteLine($"last batch {last.Id}: {last.Layout} {last.FileName}, recorded by {by} at {last.ImportedAt}");
            }

            var derived = store.VerifyDerived();
            if (!derived.Intact)
            {
                context.Stderr.WriteLine(derived.Message);
                return TrazaCli.AuditFailure;
            }

            context.Stdout.WriteLine(derived.Message);
            // Issue 13 item 7: the stored findings of `report reconcile` are derived data too (migration 0038).
            if (StoredFindings.Verify(store, parse.GetValue(recompute), context.Clock) is { } findings)
            {
                if (!findings.Intact)
                {
                    context.Stderr.WriteLine(findings.Message);
                    return TrazaCli.AuditFailure;
                }

                context.Stdout.WriteLine(findings.Message);
            }

            if (!parse.GetValue(recompute))
            {
                return TrazaCli.Ok;
            }

            var recomputed = DerivedRecompute.Check(store);
            (recomputed.Status is RecomputeStatus.Same or RecomputeStatus.NoRun ? context.Stdout : context.Stderr)
                .WriteLine(recomputed.Message);
            return recomputed.Status switch
            {
                RecomputeStatus.Differs => TrazaCli.AuditFailure,
                RecomputeStatus.Stale => TrazaCli.Conflict,
                _ => TrazaCli.Ok,
            };
        });
        return new Command("audit", "audit the ledger") { verify };
    }
}
