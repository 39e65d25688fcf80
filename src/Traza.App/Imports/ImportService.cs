using Traza.Storage;
using System.Globalization;
using Traza.App.Discharge;
using Traza.App.Progress;
using Traza.Formats.Layouts;

namespace Traza.App.Imports;

/// <summary>
/// Imports a §4.1 file: the same file (SHA-256) again is a no-op; otherwise one batch, one transaction — a bad file
/// writes nothing (SPEC §4.1, §9).
/// </summary>
public static class ImportService
{
    /// <summary>The layouts <c>traza import</c> accepts, in the import order of SPEC §4.1. Append new ones here.</summary>
    public static readonly List<ILayoutImport> Layouts =
    [
        new PartsImport(), new BomImport(), new EntriesImport(), new ExitsImport(), new EventsImport(), new CountsImport(),
        new TariffsImport(), new PartnersImport(), new RatesImport(), new InpcImport(), new SurchargesImport(), new TermsImport(),
        new Reversals.ReversalsImport(),
    ];

    public static ILayoutImport? Find(string layout) =>
        Layouts.Find(l => string.Equals(l.Layout, layout, StringComparison.Ordinal));

    /// <summary>
    /// Imports <paramref name="path"/> as <paramref name="layout"/>, reporting the rows read to <paramref name="progress"/>
    /// and, when given, the time of each phase to <paramref name="trace"/> (TRAZA_TRACE=1 on the CLI, for benchmarks).
    /// <paramref name="note"/> hears what the user should know before the result, e.g. that a file which is not UTF-8 is
    /// read as Windows-1252 (SPEC §4.1: the import says so), whether the import then succeeds or not.
    /// </summary>
    public static ImportResult Import(
        ITrazaStore store, string layout, string path, IWorkProgress? progress = null, TextWriter? trace = null, Action<string>? note = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(path);
        var import = Find(layout) ?? throw AppException.Usage($"unknown layout '{layout}'");
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw AppException.Invalid($"file {fileName}: an existing file, found no file at '{path}'");
        }

        var phases = new PhaseTimer(store.Clock, trace);
        var sha = Storage.Ledger.LedgerHashes.FileSha256(path);
        phases.Mark("sha256");
        if (store.FindBatch(layout, sha) is { } earlier)
        {
            return new ImportResult(layout, fileName, earlier, true, 0, 0);
        }

        using var source = OpenSource(path, fileName);
        if (source is CsvRecordSource { EncodingNote: { } encoding })
        {
            note?.Invoke($"file {fileName}: {encoding}");
        }

        using var batch = store.BeginBatch(layout, fileName, sha);
        progress ??= NoProgress.Instance;
        progress.Stage($"import {layout}", source switch
        {
            CsvRecordSource => EstimateRows(path),
            XlsxRecordSource xlsx => xlsx.EstimatedRows,
            _ => 0,
        });
        var context = new ImportContext(store, batch, fileName, progress);
        import.Run(context, source);
        context.SettleAppends();
        phases.Mark("rows");
        var record = batch.Commit();
        phases.Mark("commit");
        return new ImportResult(layout, fileName, record, false, context.Inserted, context.Skipped) { Warnings = context.Warnings };
    }

    /// <summary>The expected number of rows: the file's size over the mean length of its first lines (0 when unknown).</summary>
    private static long EstimateRows(string path)
    {
        using var stream = File.OpenRead(path);
        var sample = new byte[1 << 16];
        var read = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        var lines = sample.AsSpan(0, read).Count((byte)'\n');
        if (lines < 2 || read < sample.Length)
        {
            return Math.Max(lines - 1, 0);
        }

        return stream.Length * lines / read - 1;
    }

    private static IRecordSource OpenSource(string path, string fileName)
    {
        if (string.Equals(Path.GetExtension(path), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return XlsxRecordSource.Open(path);
            }
            catch (Exception e)
            {
                throw AppException.Invalid($"file {fileName}: a readable XLSX workbook ({e.Message})");
            }
        }

        CsvRecordSource source;
        try
        {
            source = CsvRecordSource.Open(path);
        }
        catch (IOException e)
        {
            throw AppException.Invalid($"file {fileName}: a readable file ({e.Message})");
        }

        if (source.Header.Count == 0)
        {
            source.Dispose();
            throw AppException.Invalid($"file {fileName}, line 1: a header row with the column names");
        }

        return source;
    }

    internal static string Key(params (string Name, object? Value)[] parts) =>
        "key (" + string.Join(", ", parts.Select(p => p.Name + " " + Quote(p.Value))) + ")";

    private static string Quote(object? value) => value switch
    {
        null => "''",
        string s => "'" + s + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
