namespace Traza.Formats.DataStage;

/// <summary>How dates are written: SAT's <c>-</c>, the <c>/</c> some exports use, or both in one package.</summary>
public enum DataStageDateStyle
{
    Dash,
    Slash,

    /// <summary>Tables alternate between <c>-</c> and <c>/</c>, as packages re-exported by other tools show.</summary>
    Mixed,
}

/// <summary>Options of <see cref="DataStagePackageWriter"/>; the defaults reproduce every quirk of a real package.</summary>
public sealed record DataStageWriterOptions
{
    public DataStageDateStyle DateStyle { get; init; } = DataStageDateStyle.Mixed;

    /// <summary>Write the package ZIP inside an outer ZIP (as packages are often forwarded).</summary>
    public bool Nested { get; init; }

    /// <summary>Columns appended to every table's header (unknown to the layout; readers must tolerate them).</summary>
    public IReadOnlyList<string> ExtraColumns { get; init; } = [];
}
