using System.CommandLine;
using Traza.App;
using Traza.App.Programs;
using Traza.Storage;
using Traza.Storage.Postgres;
using Traza.Storage.Sqlite;

namespace Traza.Cli;

/// <summary>
/// What every command gets: the output writers, the injected clock (never the system time directly) and the common
/// <c>--db</c> option (SPEC §5: every command; default <c>traza.db</c> in the current folder, or <c>TRAZA_DB</c>).
/// </summary>
public sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        Stdout = stdout;
        Stderr = stderr;
        Clock = clock;
        Db = new Option<string>("--db")
        {
            Description = "the ledger: a SQLite file path, or a PostgreSQL database (postgres://user:password@host:port/db or Host=...;Database=...); default $TRAZA_DB, else traza.db",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRAZA_DB") is { Length: > 0 } env ? env : "traza.db",
        };
        User = new Option<string?>("--user")
        {
            Description = "who the batches this command writes are recorded as; default $TRAZA_USER, else the OS user",
            Recursive = true,
        };
        User.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && Operators.Problem(result.Tokens[0].Value) is { } problem)
            {
                result.AddError($"option --user: {problem}");
            }
        });
    }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    public TimeProvider Clock { get; }

    /// <summary>Whether <see cref="Stderr"/> is a terminal: long work shows progress only then (SPEC §5).</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary>The recursive <c>--db</c> option, defined once on the root command.</summary>
    public Option<string> Db { get; }

    /// <summary>The recursive <c>--user</c> option (issue 11 item 7), defined once on the root command.</summary>
    public Option<string?> User { get; }

    /// <summary>The operator: <c>--user</c>, else <c>TRAZA_USER</c>, else the OS user.</summary>
    public string Operator(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var environment = Environment.GetEnvironmentVariable(Operators.EnvironmentVariable);
        return Operators.Resolve(parse.GetValue(User), environment, SqliteLedgerStore.OsUser());
    }

    /// <summary>Today in the clock's time zone: the default <c>--as-of</c> (SPEC §6).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);

    /// <summary>
    /// The <c>--db</c> target (SPEC §5): the option, else <c>TRAZA_DB</c>, else <c>traza.db</c>. A PostgreSQL target that does
    /// not parse is a usage error (exit 2), its message without the password.
    /// </summary>
    public string Target(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var target = parse.GetValue(Db) ?? "traza.db";
        if (PostgresTarget.Accepts(target))
        {
            try
            {
                _ = PostgresTarget.Parse(target);
            }
            catch (ArgumentException e)
            {
                throw AppException.Usage($"option --db: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        return target;
    }

    /// <summary>
    /// The stores this command line knows (the composition root of docs/architecture.md): the first that accepts a
    /// <c>--db</c> target opens it — PostgreSQL for <c>postgres://</c> URLs and <c>Host=</c> strings; SQLite, the embedded
    /// default, takes any other target as a file path.
    /// </summary>
    public StoreProviders Stores { get; } = new([new PostgresStoreProvider(), new SqliteStoreProvider()]);

    /// <summary>The provider of the <c>--db</c> target.</summary>
    public IStoreProvider Provider(ParseResult parse) => Stores.For(Target(parse));

    /// <summary>Opens (creating and migrating) the ledger named by <c>--db</c>.</summary>
    public ITrazaStore OpenStore(ParseResult parse)
    {
        var user = Operator(parse);
        var target = Target(parse);
        var store = Stores.For(target).Open(target, Clock);
        store.Operator = user;
        return store;
    }

    /// <summary>
    /// Parses an optional date option in <c>YYYY-MM-DD</c>, from 2000-01-01 to 2099-12-31 like every input date (SPEC §4.1);
    /// a usage error otherwise.
    /// </summary>
    public static DateOnly? Date(ParseResult parse, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(option);
        return Traza.App.Reports.ReportInputs.Date(option.Name, parse.GetValue(option));
    }
}
