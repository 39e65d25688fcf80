using System.Globalization;
using System.Text;

namespace Traza.Formats.Government;

/// <summary>
/// The one documented failure of the government-file readers (SAT Data Stage, SAAI M3): the input is not what
/// the format promises. It names the file — the member inside a package when there is one, e.g.
/// <c>pkg.zip!123_551.asc</c> — the line and column when known, and what was expected, in the shape of SPEC §5's
/// exit-3 message: <c>file &lt;name&gt;[, line N][, column C]: &lt;what was expected&gt;</c>.
/// </summary>
/// <remarks>
/// Truncated, corrupt or random input gives this exception and no other (SPEC §9, property-tested), so callers
/// can map it to exit 3 without guessing.
/// </remarks>
public sealed class GovernmentFormatException : Exception
{
    public GovernmentFormatException()
        : this("(unknown)", null, null, "well-formed input")
    {
    }

    public GovernmentFormatException(string message)
        : this("(unknown)", null, null, message)
    {
    }

    public GovernmentFormatException(string message, Exception innerException)
        : this("(unknown)", null, null, message, innerException)
    {
    }

    public GovernmentFormatException(string file, long? line, string? column, string expected, Exception? innerException = null)
        : base(Format(file, line, column, expected), innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Expected = expected;
    }

    /// <summary>The file, or the member inside a package (<c>outer.zip!inner.zip!123_551.asc</c>).</summary>
    public string File { get; }

    /// <summary>The 1-based line (the header is line 1), when the problem is on a line.</summary>
    public long? Line { get; }

    /// <summary>The column (its header name, or its 1-based position in header-less M3 records).</summary>
    public string? Column { get; }

    /// <summary>What was expected, and what was found when that helps.</summary>
    public string Expected { get; }

    private static string Format(string file, long? line, string? column, string expected)
    {
        var sb = new StringBuilder("file ").Append(file);
        if (line is { } l)
        {
            sb.Append(", line ").Append(l.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(column))
        {
            sb.Append(", column ").Append(column);
        }

        return sb.Append(": ").Append(expected).ToString();
    }
}
