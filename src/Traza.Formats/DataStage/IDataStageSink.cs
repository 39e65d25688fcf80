using Traza.Formats.Government;

namespace Traza.Formats.DataStage;

/// <summary>What a package is made of, for a sink: one folio (SAT request) read from one container.</summary>
public sealed record DataStagePackageInfo(string Folio, string Source, DataStageResumen Resumen, IReadOnlyList<string> Tables);

/// <summary>One <c>.asc</c> member being read.</summary>
public sealed record DataStageTableInfo(string Folio, DataStageTableLayout Layout, string File, DataStageHeader Header);

/// <summary>
/// Receives a Data Stage package as it streams: packages, then their tables in order (Resumen, 501, then the rest),
/// then rows. Rows are reused objects: copy what you keep before returning.
/// </summary>
public interface IDataStageSink
{
    void BeginPackage(DataStagePackageInfo package);

    void BeginTable(DataStageTableInfo table);

    void Row(DataStageRow row);

    void EndTable(DataStageTableInfo table, long rows);

    void EndPackage(DataStagePackageInfo package);

    void Note(GovernmentNote note);
}
