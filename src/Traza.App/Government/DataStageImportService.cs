using Traza.Storage;
using Traza.Formats.DataStage;
using Traza.Formats.Government;

namespace Traza.App.Government;

/// <summary>
/// <c>traza import datastage PATH...</c> (SPEC §4.2): every package found at the paths (ZIPs, nested ZIPs, folders)
/// in one import batch and one transaction. Rows merge, so re-importing or overlapping packages change nothing twice;
/// the same files again are a no-op. Bad input writes nothing and raises exit 3 naming member, line and column.
/// </summary>
public static class DataStageImportService
{
    public const string Kind = "datastage";

    public static GovernmentImportResult Import(ITrazaStore store, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw AppException.Usage("traza import datastage: at least one PATH (a ZIP, a folder or a .asc file)");
        }

        var program = store.GetProgram() ?? throw AppException.Invalid("the --db ledger has no program yet: run traza init first");
        foreach (var p in paths)
        {
            if (!File.Exists(p) && !Directory.Exists(p))
            {
                throw AppException.Invalid($"file {p}: an existing ZIP archive, folder or {{folio}}_{{tabla}}.asc file");
            }
        }

        var shas = paths.Select(GovernmentFiles.Sha256).ToArray();
        var combined = shas.Length == 1 ? shas[0] : GovernmentFiles.Combine(shas);
        var notes = new List<string>();
        using var batch = store.BeginBatch(Kind, string.Join(";", paths.Select(Path.GetFileName)), combined);
        batch.PrepareBulkLoad(); // large packages: the written blocks stay in memory until the commit
        using var writer = batch.Government();
        if (shas.All(s => writer.FileSeen(Kind, s)))
        {
            return new GovernmentImportResult(Kind, paths, true, null, 0, 0, []);
        }

        // Two threads (SPEC §8): this one reads, validates and encodes; the pipeline's thread merges, compresses and writes.
        using var blocks = batch.DataStageBlocks();
        DataStageStoreSink sink;
        using (var pipeline = new DataStageWritePipeline(blocks))
        {
            sink = new DataStageStoreSink(pipeline, writer, program.Rfc, notes);
            var reader = new DataStagePackageReader();
            try
            {
                foreach (var path in paths)
                {
                    reader.Read(path, sink);
                }
            }
            catch (GovernmentFormatException e)
            {
                pipeline.Abort();
                throw AppException.Invalid(e.Message);
            }
            catch
            {
                pipeline.Abort();
                throw;
            }

            pipeline.Complete();
        }

        blocks.Complete();
        var now = store.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < paths.Count; i++)
        {
            writer.RecordFile(Kind, shas[i], paths[i], now);
        }

        var record = batch.Commit();
        return new GovernmentImportResult(Kind, paths, false, record.Id, sink.Packages, blocks.Rows, notes);
    }
}
