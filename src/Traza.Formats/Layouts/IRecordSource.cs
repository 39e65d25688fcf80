namespace Traza.Formats.Layouts;

/// <summary>A stream of records with a header row (CSV today, XLSX with the same columns later).</summary>
public interface IRecordSource : IDisposable
{
    /// <summary>The header's column names, as written.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The 1-based line of the current record in its file (the header is line 1).</summary>
    long Line { get; }

    /// <summary>How many fields the current record has.</summary>
    int FieldCount { get; }

    /// <summary>A field of the current record; "" beyond the last.</summary>
    string this[int index] { get; }

    /// <summary>A field of the current record as characters (sources that can avoid a string per field do).</summary>
    ReadOnlySpan<char> Field(int index) => this[index];

    /// <summary>Why the source could not continue (a malformed record), when <see cref="Read"/> returned false early.</summary>
    string? Error { get; }

    /// <summary>Advances to the next non-blank record; false at the end or on <see cref="Error"/>.</summary>
    bool Read();
}
