namespace Traza.Cli.Tests;

/// <summary>
/// <c>traza serve</c> opens its target before listening: a malformed PostgreSQL target is refused with a message naming it
/// (exit 2 naming `--db`, no password, no stack trace), before the server adds its statement preparation to the target.
/// </summary>
public sealed class ServeTargetTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => cli.Dispose();

    [Theory]
    [InlineData("postgres://:secret@/ledger", "not a valid PostgreSQL URL")]
    [InlineData("postgres://user:secret@db.example/ledger?Nonsense=1", "unknown parameter 'Nonsense'")]
    public void A_malformed_postgresql_target_is_refused_before_serving(string target, string message)
    {
        var r = cli.RunRaw("serve", "--db", target, "--urls", "http://127.0.0.1:0");

        r.Exit.ShouldBe(2, r.Stderr); // a usage error, naming --db
        r.Stderr.ShouldContain(message);
        r.Stderr.ShouldNotContain("secret");
        r.Stderr.ShouldNotContain("   at ");
        r.Stdout.ShouldNotContain("serving on");
    }
}
