using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report batches</c> (issue 11 item 7; columns in docs/cli.md): one row per batch of the hash chain, in chain
/// order — who recorded it and when, what it holds and its link. Batches are program-wide: <c>--as-of</c> and
/// <c>--client</c> do not filter them.
/// </summary>
public sealed class BatchesReport : IReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "batch", ReportColumn.Enumerated("layout", ReportValues.Layouts), "file_name", "rows", "operator", "recorded_at", "file_sha256", "digest", "chain_hash", "chain_version",
    ];

    public string Name => "batches";

    public string Description => "every batch of the hash chain: layout, file, rows, operator, recorded time and link";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options => [];

    /// <summary>Reads the chain alone: never discharges first.</summary>
    public bool ReadsDischarge => false;

    /// <summary>Lists the chain, not dated movements: <c>--as-of</c> does not filter it.</summary>
    public bool IgnoresAsOf => true;

    /// <summary>Program-wide: every client's batches (or the program's periods) whatever <c>--client</c> says.</summary>
    public bool FiltersByClient => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReportData(Columns, context.Store.Batches().Select(b => new object?[]
        {
            b.Id, b.Layout, b.FileName, b.Rows, b.Operator, b.ImportedAt, b.FileSha256, b.Digest, b.ChainHash, (long)b.ChainVersion,
        }));
    }
}
