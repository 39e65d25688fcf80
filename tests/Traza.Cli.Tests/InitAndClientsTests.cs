namespace Traza.Cli.Tests;

public sealed class InitAndClientsTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Init_new_target_creates_program()
    {
        var r = cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme Shelter", "--immex", "IMMEX-123", "--modality", "shelter",
            "--valid-from", "2020-01-01");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("IMMEX-123");
        TestStore.RequireSqlite();
        File.Exists(cli.Db).ShouldBeTrue();
    }

    [Fact]
    public void Init_target_with_program_exits_4()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial").Exit.ShouldBe(0);
        var r = cli.Run("init", "--rfc", "XYZ010101AB1", "--name", "B", "--immex", "2", "--modality", "industrial");
        r.Exit.ShouldBe(4);
        r.Stderr.ShouldContain("already holds");
    }

    [Theory]
    [InlineData("AB010101AB1")]
    [InlineData("ABC011301AB1")]
    [InlineData("ABC0101011")]
    public void Init_structurally_invalid_rfc_exits_2(string rfc)
    {
        var r = cli.Run("init", "--rfc", rfc, "--name", "A", "--immex", "1", "--modality", "industrial");
        r.Exit.ShouldBe(2);
        r.Stderr.ShouldContain("--rfc");
    }

    [Fact]
    public void Init_person_rfc_with_wrong_check_digit_is_accepted()
    {
        cli.Run("init", "--rfc", "GODE561231GR9", "--name", "A", "--immex", "1", "--modality", "services").Exit.ShouldBe(0);
    }

    [Fact]
    public void Init_unknown_modality_exits_2()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "maquila").Exit.ShouldBe(2);
    }

    [Fact]
    public void Init_missing_required_option_exits_2()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--modality", "industrial").Exit.ShouldBe(2);
    }

    [Fact]
    public void Init_bad_date_exits_2()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "holding", "--valid-to", "31/12/2030")
            .Exit.ShouldBe(2);
    }

    [Fact]
    public void Clients_add_registers_and_repeat_is_noop()
    {
        cli.Run("clients", "add", "acme", "--name", "Acme Inc", "--parent", "Acme US", "--since", "2024-01-01").Exit.ShouldBe(0);
        var again = cli.Run("clients", "add", "acme", "--name", "Acme Inc", "--parent", "Acme US", "--since", "2024-01-01");
        again.Exit.ShouldBe(0);
        again.Stdout.ShouldContain("already registered");
    }

    [Fact]
    public void Clients_add_with_other_details_exits_4()
    {
        cli.Run("clients", "add", "acme", "--name", "Acme Inc").Exit.ShouldBe(0);
        cli.Run("clients", "add", "acme", "--name", "Other").Exit.ShouldBe(4);
    }

    [Fact]
    public void An_unreachable_postgres_target_exits_3_without_showing_its_password()
    {
        // Nothing listens on port 1: the connection is refused at once (issue 12: PostgreSQL behind --db).
        var r = cli.RunRaw("report", "entries", "--db", "postgres://u:s3cret@127.0.0.1:1/traza");
        r.Exit.ShouldBe(3, r.Stderr);
        r.Stderr.ShouldContain("cannot be reached");
        r.Stderr.ShouldNotContain("s3cret");
        cli.RunRaw("report", "entries", "--db", "Host=127.0.0.1;Port=1;Database=traza;Password=s3cret").Exit.ShouldBe(3);
    }

    [Fact]
    public void A_malformed_postgres_target_exits_2_without_showing_its_password()
    {
        var r = cli.RunRaw("report", "entries", "--db", "Host=x;Bogus=1;Password=s3cret");
        r.Exit.ShouldBe(2);
        r.Stderr.ShouldContain("option --db");
        r.Stderr.ShouldNotContain("s3cret");
    }

    [Fact]
    public void Unknown_command_exits_2()
    {
        cli.Run("frobnicate").Exit.ShouldBe(2);
        cli.Run("import", "widgets", "x.csv").Exit.ShouldBe(2);
    }

    [Fact]
    public void Help_exits_0()
    {
        var r = cli.RunRaw("--help");
        r.Exit.ShouldBe(0);
        r.Stdout.ShouldContain("import");
    }

    [Fact]
    public void Env_traza_db_sets_default_target()
    {
        var path = Path.Combine(cli.Folder, "env.db");
        Environment.SetEnvironmentVariable("TRAZA_DB", path);
        try
        {
            cli.RunRaw("clients", "add", "acme").Exit.ShouldBe(0);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TRAZA_DB", null);
        }

        File.Exists(path).ShouldBeTrue();
    }
}
