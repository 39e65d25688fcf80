using System.Globalization;

namespace Traza.Storage;

/// <summary>
/// Data Stage rows of one table held column by column (<see cref="IGovernmentReader.DataStageRuns"/>): per row the 15-digit
/// pedimento ('' when its year is unknown), the partida (0 for a pedimento-level table), some typed values as text and some
/// as decimals — no object per row, for reads of millions of rows (reconciliation's 551 and 512 on <c>large</c>:
/// docs/benchmarks.md, "Reconcile on large").
/// </summary>
public sealed class DataStageRun
{
    public DataStageRun(int count, int texts, int numbers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(texts);
        ArgumentOutOfRangeException.ThrowIfNegative(numbers);
        Count = count;
        Pedimentos = new string[count];
        Partidas = new int[count];
        Texts = new string?[texts][];
        for (var i = 0; i < texts; i++)
        {
            Texts[i] = new string?[count];
        }

        Numbers = new decimal?[numbers][];
        for (var i = 0; i < numbers; i++)
        {
            Numbers[i] = new decimal?[count];
        }
    }

    public int Count { get; }

    /// <summary>Each row's pedimento: the 15 digits, or '' when its year is unknown.</summary>
    public string[] Pedimentos { get; }

    /// <summary>Each row's partida, 0 for a pedimento-level table.</summary>
    public int[] Partidas { get; }

    /// <summary>The text columns asked for, each one value per row (null when empty), as <see cref="IGovernmentReader.DataStageRows"/> gives them.</summary>
    public string?[][] Texts { get; }

    /// <summary>The number columns asked for, each one value per row: the text <see cref="IGovernmentReader.DataStageRows"/> gives, as <see cref="Number"/> reads it.</summary>
    public decimal?[][] Numbers { get; }

    /// <summary>
    /// A typed value's text as a decimal: null when empty, else <see cref="decimal.Parse(string, NumberStyles, IFormatProvider)"/> with
    /// <see cref="NumberStyles.Number"/>, invariant (a value that is no number throws <see cref="FormatException"/>).
    /// </summary>
    public static decimal? Number(string? text) =>
        text is { Length: > 0 } ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : null;

    /// <summary>The plain read: <see cref="IGovernmentReader.DataStageRows"/> of the text and number columns, the numbers parsed.</summary>
    public static DataStageRun From(IReadOnlyList<GovernmentRow> rows, int texts, int numbers)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var run = new DataStageRun(rows.Count, texts, numbers);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            run.Pedimentos[r] = row.Pedimento;
            run.Partidas[r] = row.Partida;
            for (var i = 0; i < texts; i++)
            {
                run.Texts[i][r] = row.Values[i];
            }

            for (var i = 0; i < numbers; i++)
            {
                run.Numbers[i][r] = Number(row.Values[texts + i]);
            }
        }

        return run;
    }
}
