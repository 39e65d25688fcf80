namespace Traza.Formats.Layouts;

/// <summary>A reversals row (SPEC §4.1): the stored row at <c>TargetLine</c> of batch <c>Batch</c>, and why it is taken back.</summary>
public sealed record ReversalRow(long Line, long Batch, long TargetLine, string Reason);

/// <summary>Reads a reversals file (SPEC §4.1): batch, line, reason — all required.</summary>
public sealed class ReversalsReader(IRecordSource source, string fileName)
    : LayoutReader<ReversalRow>(source, fileName, Columns, Columns)
{
    public static readonly IReadOnlyList<string> Columns = ["batch", "line", "reason"];

    protected override bool TryParse(out ReversalRow row)
    {
        row = null!;
        if (!Whole(0, true, out var batch) || !Whole(1, true, out var line) || !Required(2, out var reason))
        {
            return false;
        }

        row = new ReversalRow(Line, batch!.Value, line!.Value, reason);
        return true;
    }
}
