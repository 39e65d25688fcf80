using Traza.App.Imports;
using Traza.Formats.Layouts;

namespace Traza.App.Reversals;

/// <summary>
/// <c>traza import reversals FILE</c> (SPEC §4.1): each row takes back the stored row at (batch, line) — the batch and
/// line the listings show. Key (batch, line): reversing a row twice, or a row that does not exist, is invalid input.
/// </summary>
public sealed class ReversalsImport : ILayoutImport
{
    /// <summary>The layout of reversal batches, from a file or from <c>traza reverse</c>.</summary>
    public const string LayoutName = "reversals";

    public string Layout => LayoutName;

    public string Description => "reversals: batch, line, reason (takes back stored rows of earlier batches)";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new ReversalsReader(source, context.FileName);
        var reverser = new Reverser(context.Batch, context.Closed, context.FileName, (line, column, expected) => context.Invalid(line ?? 1, column, expected));
        foreach (var row in context.Rows(reader))
        {
            reverser.Reverse(row.Batch, row.TargetLine, row.Reason, row.Line);
            context.CountInserted();
        }

        reverser.Finish();
    }
}
