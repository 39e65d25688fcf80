using Traza.Storage;
using System.Globalization;
using Traza.Domain.Discharge;
using Traza.Formats.Layouts;

namespace Traza.App.Discharge;

/// <summary>
/// Turns a <see cref="DischargeRangeException"/> (a need the engine cannot represent) into invalid input naming the
/// movement's file and line, so the user knows which row to take back — never an unhandled overflow (issue 11).
/// </summary>
internal static class DischargeRange
{
    public static AppException Invalid(ITrazaStore store, DischargeRangeException e)
    {
        if (e.Sequence is not { } sequence)
        {
            return AppException.Invalid($"the discharge is refused, nothing written: {e.Message}");
        }

        // A movement id is (batch_id << 32) | line (PackedAllocation.MovementId).
        var batchId = sequence >> 32;
        var line = sequence & uint.MaxValue;
        var file = store.Batches().FirstOrDefault(b => b.Id == batchId)?.FileName
            ?? "of batch " + batchId.ToString(CultureInfo.InvariantCulture);
        return AppException.Invalid(new LayoutError(file, line, "qty", e.Message).ToString() + " (the discharge is refused; nothing written)");
    }
}
