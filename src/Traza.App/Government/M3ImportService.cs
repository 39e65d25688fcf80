using Traza.Storage;
using Traza.Formats.Government;
using Traza.Formats.M3;

namespace Traza.App.Government;

/// <summary>
/// <c>traza import m3 PATH...</c> (SPEC §4.2): SAAI M3 validation files in one batch and one transaction; pedimentos
/// and partidas merge by key (a later file replaces them), every record is kept as delivered.
/// </summary>
public static class M3ImportService
{
    public const string Kind = "m3";

    public static GovernmentImportResult Import(ITrazaStore store, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw AppException.Usage("traza import m3: at least one M3 file");
        }

        var program = store.GetProgram() ?? throw AppException.Invalid("the --db ledger has no program yet: run traza init first");
        foreach (var p in paths)
        {
            if (!File.Exists(p))
            {
                throw AppException.Invalid($"file {p}: an existing M3 file (mPPPPNNN.DDD)");
            }
        }

        var shas = paths.Select(GovernmentFiles.Sha256).ToArray();
        var combined = shas.Length == 1 ? shas[0] : GovernmentFiles.Combine(shas);
        var notes = new List<string>();
        using var batch = store.BeginBatch(Kind, string.Join(";", paths.Select(Path.GetFileName)), combined);
        using var writer = batch.Government();
        if (shas.All(s => writer.FileSeen(Kind, s)))
        {
            return new GovernmentImportResult(Kind, paths, true, null, 0, 0, []);
        }

        var sink = new Sink(writer, program.Rfc.Trim().ToUpperInvariant(), notes);
        try
        {
            foreach (var path in paths)
            {
                new M3Reader().Read(path, sink);
            }
        }
        catch (GovernmentFormatException e)
        {
            throw AppException.Invalid(e.Message);
        }

        var now = store.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < paths.Count; i++)
        {
            writer.RecordFile(Kind, shas[i], paths[i], now);
        }

        var record = batch.Commit();
        return new GovernmentImportResult(Kind, paths, false, record.Id, sink.Pedimentos, writer.Rows, notes);
    }

    private sealed class Sink(IGovernmentWriter writer, string programRfc, List<string> notes) : IM3Sink
    {
        public int Pedimentos { get; private set; }

        public void BeginFile(string file)
        {
        }

        public void Pedimento(M3Pedimento p)
        {
            var key = new GovernmentKey(p.Number?.Digits15 ?? string.Empty, p.Patente, p.Pedimento, p.SeccionAduanera);
            var r501 = p.Of("501").FirstOrDefault();
            var rfc = r501?.Get(9).ToUpperInvariant();
            if (r501 is not null && rfc is { Length: > 0 } && !string.Equals(rfc, programRfc, StringComparison.Ordinal))
            {
                throw r501.Error(9, $"pedimentos of the program's RFC {programRfc}; this one is of {rfc} (refused)");
            }

            var operation = r501?.Get(5) switch
            {
                "1" => "import",
                "2" => "export",
                "" or null => null,
                var other => other,
            };
            writer.M3Pedimento(key, p.TipoMovimiento, operation, Empty(r501?.Get(6)), Empty(rfc), p.FechaPago, p.File, p.Line);
            foreach (var r in p.Records)
            {
                if (r.Register == "551")
                {
                    var partidaText = r.Get(4);
                    if (!int.TryParse(partidaText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var partida))
                    {
                        throw r.Error(4, $"a partida number, found '{partidaText}'");
                    }

                    writer.M3Partida(key, partida, Empty(r.Get(3)), Empty(r.Get(5)), r.GetDecimal(10), r.GetDecimal(11), Empty(r.Get(12)),
                        r.GetDecimal(13), Empty(r.Get(14)), Empty(r.Get(21)), r.Raw);
                }

                writer.M3Record(key, r.Register, GovernmentFiles.RowHash(r.Fields.Select(f => f.Trim())), p.File, r.Line, r.Raw);
            }

            Pedimentos++;
        }

        public void EndFile(M3FileSummary summary)
        {
        }

        public void Note(GovernmentNote note) => notes.Add(note.ToString());

        private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
