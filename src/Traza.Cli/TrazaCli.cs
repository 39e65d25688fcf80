using System.CommandLine;
using System.Data.Common;
using Traza.App;
using Traza.Domain.Common;
using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.Cli;

/// <summary>
/// The <c>traza</c> command line: parses arguments and dispatches to the App use cases. Exit codes (SPEC §5): 0 done,
/// 2 usage, 3 invalid input (nothing written), 4 conflict, 5 audit failure.
/// </summary>
public static class TrazaCli
{
    public const int Ok = 0;
    public const int Usage = 2;
    public const int InvalidInput = 3;
    public const int Conflict = 4;
    public const int AuditFailure = 5;

    /// <summary>Runs a command with the system clock.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, TimeProvider.System);

    /// <summary>
    /// Runs a command in-process with an injected clock (tests pass a FakeTimeProvider); progress is drawn only when
    /// <paramref name="stderr"/> is the process's own standard error and that is a terminal.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        Run(args, stdout, stderr, clock, ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>
    /// Runs a command in-process, told whether <paramref name="stderr"/> is a terminal: long work draws its progress
    /// there only then (SPEC §5), so tests can ask for it on a writer they read.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, bool stderrIsTerminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);
        var context = new CliContext(stdout, stderr, clock) { StderrIsTerminal = stderrIsTerminal };
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine(error.Message);
            }

            stderr.WriteLine("Run 'traza --help' for usage.");
            return Usage;
        }

        var created = NewDatabase(parse, context);
        var exit = Invoke(parse, context.Stores, stdout, stderr);
        if (exit != Ok && created is not null)
        {
            DeleteDatabase(created);
        }

        return exit;
    }

    private static int Invoke(ParseResult parse, StoreProviders stores, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (AppException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCode(e.Error);
        }
        catch (DischargeRangeException e)
        {
            // A report that discharges first meets the same refusal as `traza discharge` (which names the row).
            stderr.WriteLine($"the discharge is refused, nothing written: {e.Message}");
            return InvalidInput;
        }
        catch (DbException e) when (stores.Classify(e) is StoreFailure.Busy)
        {
            stderr.WriteLine($"the ledger is locked by another process: {e.Message}");
            return Conflict;
        }
        catch (DbException e) when (stores.Classify(e) is StoreFailure.NotAStore)
        {
            stderr.WriteLine($"the --db target is not a Traza database: {e.Message}");
            return InvalidInput;
        }
        catch (NotATrazaStoreException e)
        {
            stderr.WriteLine($"the --db target is not a Traza database: {e.Message}");
            return InvalidInput;
        }
        catch (DbException e) when (stores.Classify(e) is StoreFailure.Unreachable)
        {
            // Like a SQLite file that cannot be opened: the target cannot be used, nothing was written.
            stderr.WriteLine($"the --db database cannot be reached: {e.Message}");
            return InvalidInput;
        }
        catch (NewerSchemaException e)
        {
            stderr.WriteLine($"the --db target cannot be used: {e.Message}");
            return InvalidInput;
        }
    }

    /// <summary>
    /// The SQLite file the command would create (its --db target when no such file exists yet), else null: a command that
    /// fails leaves no database behind (issue 11: <c>init</c> with a bad RFC, an import of a bad file into a new target).
    /// </summary>
    private static string? NewDatabase(ParseResult parse, CliContext context)
    {
        var target = parse.GetValue(context.Db);
        if (string.IsNullOrWhiteSpace(target) || target.Contains("://", StringComparison.Ordinal)
            || target.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = Path.GetFullPath(target);
        return File.Exists(path) || Directory.Exists(path) ? null : path;
    }

    /// <summary>Removes a database this failed command created, with its journal files (every connection is closed by now).</summary>
    private static void DeleteDatabase(string path)
    {
        foreach (var file in (string[])[path, path + "-wal", path + "-shm", path + "-journal"])
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Left behind; the command's own error is what the user needs to see.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>The root command with every registered command (see <see cref="CommandRegistry"/>).</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("Traza: the auditable Annex 24 inventory ledger of an IMMEX program.");
        root.Options.Add(context.Db);
        root.Options.Add(context.User);
        foreach (var factory in CommandRegistry.Commands)
        {
            root.Subcommands.Add(factory(context));
        }

        return root;
    }

    /// <summary>Maps an error code to the exit code of SPEC §5.</summary>
    public static int ExitCode(Error error) => error?.Code switch
    {
        ErrorCodes.Conflict => Conflict,
        ErrorCodes.AuditFailure => AuditFailure,
        AppErrorCodes.Usage => Usage,
        _ => InvalidInput,
    };
}
