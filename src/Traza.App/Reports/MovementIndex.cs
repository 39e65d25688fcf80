using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// Dense indexes of movement ids (<see cref="PackedAllocation.MovementId"/>: batch and line) by array lookups: a batch's lines
/// are its file's line numbers, so a table per batch indexed by line replaces a hash lookup per allocation (12.8 M of them in
/// <c>report custody</c> of <c>large</c>), and lookups are safe from several threads once the index is built.
/// </summary>
internal sealed class MovementIndex
{
    private readonly Dictionary<long, int[]> batches = [];
    private readonly List<long> ids = [];

    /// <summary>The ids in the order they were added: <c>Ids[i]</c> has index i.</summary>
    public List<long> Ids => ids;

    /// <summary>The index of <paramref name="movement"/>, added at the end when new.</summary>
    public int Add(long movement)
    {
        var (batch, line) = PackedAllocation.SplitMovement(movement);
        if (!batches.TryGetValue(batch, out var lines) || line >= lines.Length)
        {
            var grown = new int[Math.Max(lines?.Length * 2 ?? 0, checked((int)line + 1))];
            lines?.CopyTo(grown, 0);
            batches[batch] = lines = grown;
        }

        if (lines[line] == 0)
        {
            ids.Add(movement);
            lines[line] = ids.Count; // index + 1: 0 is "none"
        }

        return lines[line] - 1;
    }

    /// <summary>The index of <paramref name="movement"/>, or -1 when it was never added.</summary>
    public int Find(long movement)
    {
        var (batch, line) = PackedAllocation.SplitMovement(movement);
        return batches.TryGetValue(batch, out var lines) && line < lines.Length ? lines[line] - 1 : -1;
    }
}
