using Npgsql;
using Traza.Storage.Postgres;

namespace Traza.Storage.Tests.Postgres;

/// <summary><c>traza serve</c> turns on Npgsql's automatic preparation for a PostgreSQL target that does not set it.</summary>
public sealed class PostgresTargetAutoPrepareTests
{
    private static (int Max, int MinUsages) Prepare(string target)
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresTarget.Parse(target).ConnectionString);
        return (b.MaxAutoPrepare, b.AutoPrepareMinUsages);
    }

    [Theory]
    [InlineData("postgres://traza@db.example/ledger")]
    [InlineData("postgresql://traza:secret@127.0.0.1:5432/ledger?Timeout=30")]
    [InlineData("Host=127.0.0.1;Port=5460;Username=postgres;Database=ledger;")]
    public void A_target_without_it_gets_automatic_preparation_and_keeps_the_rest(string target)
    {
        var served = PostgresTarget.WithAutoPrepare(target);

        Prepare(served).ShouldBe((64, 2));
        var (before, after) = (PostgresTarget.Parse(target), PostgresTarget.Parse(served));
        (after.Database, new NpgsqlConnectionStringBuilder(after.ConnectionString).Host)
            .ShouldBe((before.Database, new NpgsqlConnectionStringBuilder(before.ConnectionString).Host));
    }

    [Theory]
    [InlineData("postgres://traza@db.example/ledger?Max%20Auto%20Prepare=8")]
    [InlineData("Host=127.0.0.1;Database=ledger;Max Auto Prepare=8")]
    [InlineData("ledger.db")]
    public void A_target_that_sets_it_or_a_file_is_left_as_it_is(string target)
    {
        PostgresTarget.WithAutoPrepare(target).ShouldBe(target);
    }
}
