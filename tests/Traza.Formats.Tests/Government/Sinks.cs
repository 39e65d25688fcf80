using Traza.Formats.DataStage;
using Traza.Formats.Government;
using Traza.Formats.M3;

namespace Traza.Formats.Tests.Government;

/// <summary>A row as a test keeps it.</summary>
public sealed record KeptRow(string Folio, string Table, string File, long Line, string Raw, Dictionary<string, string> Values, string? Pedimento, int? Partida);

/// <summary>Collects everything a Data Stage reader emits.</summary>
public sealed class CollectingSink : IDataStageSink
{
    public List<DataStagePackageInfo> Packages { get; } = [];

    public List<DataStageTableInfo> Tables { get; } = [];

    public List<KeptRow> Rows { get; } = [];

    public List<GovernmentNote> Notes { get; } = [];

    public Dictionary<string, long> Counts { get; } = [];

    public List<DataStageRow> Live { get; } = [];

    public Action<DataStageRow>? OnRow { get; set; }

    public void BeginPackage(DataStagePackageInfo package) => Packages.Add(package);

    public void BeginTable(DataStageTableInfo table) => Tables.Add(table);

    public void Row(DataStageRow row)
    {
        OnRow?.Invoke(row);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < row.Header.Count; i++)
        {
            values[row.Header.Names[i]] = row.Values[i];
        }

        Rows.Add(new KeptRow(row.Folio, row.Layout.Name, row.File, row.Line, row.Raw, values, row.Pedimento?.Digits15, row.Partida));
    }

    public void EndTable(DataStageTableInfo table, long rows) => Counts[table.Folio + "_" + table.Layout.Name] = rows;

    public void EndPackage(DataStagePackageInfo package)
    {
    }

    public void Note(GovernmentNote note) => Notes.Add(note);

    public IEnumerable<KeptRow> Of(string table) => Rows.Where(r => r.Table == table);
}

/// <summary>Collects an M3 file.</summary>
public sealed class M3CollectingSink : IM3Sink
{
    public List<M3Pedimento> Pedimentos { get; } = [];

    public List<GovernmentNote> Notes { get; } = [];

    public M3FileSummary? Summary { get; private set; }

    public void BeginFile(string file)
    {
    }

    public void Pedimento(M3Pedimento pedimento) => Pedimentos.Add(pedimento);

    public void EndFile(M3FileSummary summary) => Summary = summary;

    public void Note(GovernmentNote note) => Notes.Add(note);
}
