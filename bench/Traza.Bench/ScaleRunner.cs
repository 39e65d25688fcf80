using System.Globalization;
using System.Text.RegularExpressions;
using Traza.App.Generation;

namespace Traza.Bench;

/// <summary>
/// <c>scale --scale small|medium|large [--traza PATH] [--keep DIR] [--seed N] [--db TARGET]</c>: the whole pipeline through the real
/// <c>traza</c> executable, one child process per step, as a user runs it (SPEC §8 measures the wall clock of the whole
/// process): gen, init, the five §4.1 imports and the Data Stage package, a full discharge without the last day of exits
/// (2025-12-31), that day's exits imported and discharged incrementally, then the balances report to CSV, custody by
/// one pedimento and by one exit document, and the reconciliation of the whole year with the package. Prints per step the wall clock, rows or consumptions per second, CPU time
/// and the child's peak RSS, and the load average before and after (the 2-core machine is shared). <c>--db</c> runs it on
/// another store — a PostgreSQL database, which must exist and be empty (SPEC §5 <c>init</c>) — and adds the server's CPU.
/// </summary>
internal static partial class ScaleRunner
{
    private const string AsOf = "2025-12-31";
    private const string TimeTool = "/usr/bin/time";

    public static int Run(string[] args)
    {
        var scale = Args.Text(args, "--scale") ?? "small";
        if (!Scales.Names.Contains(scale))
        {
            Console.Error.WriteLine("usage: scale --scale small|medium|large [--traza PATH] [--keep DIR] [--seed N] [--db TARGET]");
            return 2;
        }

        var traza = Path.GetFullPath(Args.Text(args, "--traza") ?? DefaultTraza());
        if (!File.Exists(traza))
        {
            Console.Error.WriteLine($"no traza executable at {traza}: build it first with `dotnet build -c Release src/Traza.Cli` " +
                "(with TRAZA_ARTIFACTS=DIR set, the runner looks in DIR/bin/Traza.Cli/release), or pass --traza PATH " +
                "(the release executable: `dotnet publish -c Release -r linux-x64 src/Traza.Cli -o DIR`, then --traza DIR/traza)");
            return 2;
        }

        var keep = Args.Text(args, "--keep");
        var dir = Path.GetFullPath(keep ?? Path.Combine(Path.GetTempPath(), "traza-scale-" + Guid.NewGuid().ToString("N")));
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            Console.Error.WriteLine($"{dir} is not empty: --keep needs a new or empty directory");
            return 2;
        }

        Directory.CreateDirectory(dir);
        try
        {
            return Pipeline(traza, dir, scale, Args.Text(args, "--seed"), Args.Text(args, "--db"));
        }
        catch (StepFailedException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(dir, true);
            }
            else
            {
                Console.WriteLine($"kept {dir}");
            }
        }
    }

    private static int Pipeline(string traza, string dir, string scale, string? seed, string? target)
    {
        var loadStart = LoadAverage();
        var runner = new StepRunner(traza, dir, target);
        Console.WriteLine($"traza {traza}");
        Console.WriteLine($"work  {dir}");
        Console.WriteLine($"machine: {Machine()}; load average at start {loadStart}");
        Console.WriteLine(File.Exists(TimeTool) ? $"peak RSS from {TimeTool}" : "peak RSS sampled from the child process every 20 ms");

        var gen = Path.Combine(dir, "gen");
        string[] genArgs = seed is null ? ["gen", "--scale", scale, "--out", gen] : ["gen", "--scale", scale, "--out", gen, "--seed", seed];
        runner.Run("gen", null, genArgs);
        var split = SplitLastDay(Path.Combine(gen, "exits.csv"), dir, AsOf);
        var pedimento = FirstField(Path.Combine(gen, "entries.csv"), "pedimento");
        Console.WriteLine($"exits split: {split.Before} rows before {AsOf}, {split.LastDay} rows on {AsOf} (first document {split.FirstDocument})");

        runner.Run("init", null, "init", "--rfc", Scales.Rfc, "--name", "Traza scale bench", "--immex", Scales.Immex, "--modality", "industrial");
        foreach (var layout in (string[])["parts", "bom", "entries"])
        {
            runner.Run("import " + layout, Imported, "import", layout, Path.Combine(gen, layout + ".csv"));
        }

        runner.Run($"import exits (to {DateOnly.Parse(AsOf, CultureInfo.InvariantCulture).AddDays(-1):yyyy-MM-dd})", Imported,
            "import", "exits", split.BeforePath);
        runner.Run("import events", Imported, "import", "events", Path.Combine(gen, "events.csv"));
        runner.Run("import datastage", Imported, "import", "datastage", Path.Combine(gen, "datastage.zip"));
        var full = runner.Run("discharge (full)", Discharged, "discharge", "--as-of", AsOf).Items ?? 0;
        runner.Run($"import exits ({AsOf})", Imported, "import", "exits", split.LastDayPath);
        runner.Run("discharge (incremental, 1 day)", o => Discharged(o) - full, "discharge", "--as-of", AsOf);

        var balances = Path.Combine(dir, "balances.csv");
        runner.Run("report balances (csv)", _ => CsvRows(balances),
            "report", "balances", "--as-of", AsOf, "--format", "csv", "--out", balances);
        var byPedimento = Path.Combine(dir, "custody-pedimento.csv");
        runner.Run("report custody --pedimento", _ => CsvRows(byPedimento),
            "report", "custody", "--pedimento", pedimento, "--as-of", AsOf, "--format", "csv", "--out", byPedimento);
        var byExit = Path.Combine(dir, "custody-exit.csv");
        runner.Run("report custody --exit", _ => CsvRows(byExit),
            "report", "custody", "--exit", split.FirstDocument, "--as-of", AsOf, "--format", "csv", "--out", byExit);
        var reconcile = Path.Combine(dir, "reconcile.csv");
        runner.Run("report reconcile", _ => CsvRows(reconcile),
            "report", "reconcile", "--as-of", AsOf, "--format", "csv", "--out", reconcile);

        Console.WriteLine();
        Console.WriteLine($"scale {scale}{(seed is null ? string.Empty : ", seed " + seed)}; custody of pedimento {pedimento} and of exit {split.FirstDocument}");
        runner.PrintTable();
        Console.WriteLine($"database {DatabaseBytes(dir, target) / 1e6:0} MB");
        Console.WriteLine($"load average at start {loadStart}, at end {LoadAverage()}");
        return 0;
    }

    /// <summary>The size of the store: the SQLite file, or <c>pg_database_size</c> of the PostgreSQL database.</summary>
    private static long DatabaseBytes(string dir, string? target)
    {
        if (target is null || !Traza.Storage.Postgres.PostgresTarget.Accepts(target))
        {
            return new FileInfo(target ?? Path.Combine(dir, "traza.db")).Length;
        }

        using var connection = new Npgsql.NpgsqlConnection(Traza.Storage.Postgres.PostgresTarget.Parse(target).ConnectionString);
        connection.Open();
        using var size = new Npgsql.NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)size.ExecuteScalar()!;
    }

    /// <summary>Where <c>dotnet build -c Release src/Traza.Cli</c> puts the executable, found from the repository root.</summary>
    private static string DefaultTraza()
    {
        var artifacts = Environment.GetEnvironmentVariable("TRAZA_ARTIFACTS");
        if (!string.IsNullOrEmpty(artifacts))
        {
            return Path.Combine(artifacts, "bin", "Traza.Cli", "release", "traza");
        }

        var root = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Traza.slnx")))
        {
            root = root.Parent;
        }

        root ??= new DirectoryInfo(AppContext.BaseDirectory);
        return Path.Combine(root.FullName, "src", "Traza.Cli", "bin", "Release", "net10.0", "traza");
    }

    private static long? Imported(string output)
    {
        var m = ImportedLine().Match(output);
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static long? Discharged(string output)
    {
        var m = DischargeLine().Match(output);
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static long? CsvRows(string path) => File.Exists(path) ? File.ReadLines(path).LongCount() - 1 : null;

    /// <summary>Writes the exits before <paramref name="day"/> and those of that day to two files, each with the header.</summary>
    private static (string BeforePath, string LastDayPath, long Before, long LastDay, string FirstDocument) SplitLastDay(
        string exits, string dir, string day)
    {
        var beforePath = Path.Combine(dir, "exits-before-last-day.csv");
        var lastPath = Path.Combine(dir, "exits-last-day.csv");
        using var reader = new StreamReader(exits);
        var header = reader.ReadLine() ?? throw new StepFailedException($"{exits} is empty");
        var dateColumn = Column(header, "date");
        var documentColumn = Column(header, "pedimento");
        using var before = new StreamWriter(beforePath) { NewLine = "\n" };
        using var last = new StreamWriter(lastPath) { NewLine = "\n" };
        before.WriteLine(header);
        last.WriteLine(header);
        long nBefore = 0, nLast = 0;
        string? first = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (Field(line, dateColumn).SequenceEqual(day))
            {
                last.WriteLine(line);
                nLast++;
                first ??= Field(line, documentColumn).ToString();
            }
            else
            {
                before.WriteLine(line);
                nBefore++;
            }
        }

        return first is null
            ? throw new StepFailedException($"{exits} has no exit dated {day} to discharge incrementally")
            : (beforePath, lastPath, nBefore, nLast, first);
    }

    private static string FirstField(string csv, string column)
    {
        using var reader = new StreamReader(csv);
        var c = Column(reader.ReadLine() ?? string.Empty, column);
        return reader.ReadLine() is { } line ? Field(line, c).ToString() : throw new StepFailedException($"{csv} has no rows");
    }

    private static int Column(string header, string name)
    {
        var i = Array.IndexOf(header.TrimStart('\uFEFF').Split(','), name);
        return i >= 0 ? i : throw new StepFailedException($"no column '{name}' in header '{header}'");
    }

    /// <summary>The <paramref name="index"/>th field of a CSV line (quotes honoured; a generated file has no line breaks in fields).</summary>
    private static ReadOnlySpan<char> Field(string line, int index)
    {
        var start = 0;
        var quoted = false;
        var n = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (i == line.Length || (line[i] == ',' && !quoted))
            {
                if (n++ == index)
                {
                    return line.AsSpan(start, i - start).Trim('"');
                }

                start = i + 1;
            }
        }

        return [];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var mem = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        var gib = mem is null ? null : (double?)(long.Parse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} vCPU ({cpu ?? "unknown CPU"}), {(gib is null ? "? " : gib.Value.ToString("0.0", CultureInfo.InvariantCulture))} GiB");
    }

    /// <summary>"parts.csv: imported 200 parts rows as batch 2", "datastage.zip: imported 1 Data Stage package(s), 46069 rows merged …".</summary>
    [GeneratedRegex(@"(\d+) (?:\w+ )?rows")]
    private static partial Regex ImportedLine();

    [GeneratedRegex(@"discharged (\d+) consumptions into (\d+) allocations in ([0-9.]+) s")]
    private static partial Regex DischargeLine();
}
