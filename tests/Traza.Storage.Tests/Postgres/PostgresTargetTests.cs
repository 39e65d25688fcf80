using Npgsql;
using Traza.Storage.Postgres;

namespace Traza.Storage.Tests.Postgres;

public sealed class PostgresTargetTests
{
    [Theory]
    [InlineData("postgres://traza:s3cret@db.example:6543/ledger")]
    [InlineData("postgresql://traza:s3cret@db.example:6543/ledger")]
    [InlineData("Host=db.example;Port=6543;Username=traza;Password=s3cret;Database=ledger")]
    [InlineData("host=db.example;port=6543;username=traza;password=s3cret;database=ledger")]
    public void A_url_or_keyword_target_gives_the_connection_and_a_display_without_the_password(string target)
    {
        PostgresTarget.Accepts(target).ShouldBeTrue();
        var parsed = PostgresTarget.Parse(target);
        var builder = new NpgsqlConnectionStringBuilder(parsed.ConnectionString);
        builder.Host.ShouldBe("db.example");
        builder.Port.ShouldBe(6543);
        builder.Username.ShouldBe("traza");
        builder.Password.ShouldBe("s3cret");
        builder.Database.ShouldBe("ledger");
        parsed.Display.ShouldNotContain("s3cret");
        parsed.ToString().ShouldNotContain("s3cret");
        parsed.Display.ShouldContain("db.example");
        parsed.Display.ShouldContain("ledger");
    }

    [Fact]
    public void A_url_decodes_escaped_user_password_and_database()
    {
        var parsed = PostgresTarget.Parse("postgres://ana%40acme:p%3Aw%2Fd@localhost/my%20db?sslmode=disable");
        var builder = new NpgsqlConnectionStringBuilder(parsed.ConnectionString);
        builder.Username.ShouldBe("ana@acme");
        builder.Password.ShouldBe("p:w/d");
        builder.Database.ShouldBe("my db");
        builder.SslMode.ShouldBe(SslMode.Disable);
        parsed.Display.ShouldBe("postgres://ana%40acme@localhost/my%20db");
    }

    [Theory]
    [InlineData("traza.db")]
    [InlineData("/tmp/ledger.sqlite")]
    [InlineData("C:\\data\\traza.db")]
    public void A_file_path_is_not_a_postgres_target(string target) => PostgresTarget.Accepts(target).ShouldBeFalse();

    [Theory]
    [InlineData("postgres://")]
    [InlineData("Host=x;Bogus=1;Password=s3cret")]
    [InlineData("postgres://u:s3cret@h/db?nosuch=1")]
    public void A_malformed_target_is_refused_without_echoing_the_password(string target)
    {
        var error = Should.Throw<ArgumentException>(() => PostgresTarget.Parse(target));
        error.Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public void The_provider_accepts_postgres_targets_and_the_file_store_takes_the_rest()
    {
        var stores = new StoreProviders([new PostgresStoreProvider(), new Traza.Storage.Sqlite.SqliteStoreProvider()]);
        stores.For("postgres://u@h/db").Name.ShouldBe("PostgreSQL");
        stores.For("Host=h;Database=db").Name.ShouldBe("PostgreSQL");
        stores.For("traza.db").Name.ShouldBe("SQLite");
    }
}
