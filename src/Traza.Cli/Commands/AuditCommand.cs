using System.CommandLine;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza audit verify</c> (SPEC §5, §7): recomputes every batch digest and walks the hash chain; exit 0 when intact,
/// 5 naming the first broken link.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var verify = new Command("verify", "check the ledger's hash chain (exit 5 naming the first broken link)");
        verify.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var check = store.VerifyChain();
            if (check.Intact)
            {
                context.Stdout.WriteLine($"ledger intact: {check.BatchesChecked} batches verified");
                return TrazaCli.Ok;
            }

            context.Stderr.WriteLine($"ledger broken at {check.Reason}");
            return TrazaCli.AuditFailure;
        });
        return new Command("audit", "audit the ledger") { verify };
    }
}
