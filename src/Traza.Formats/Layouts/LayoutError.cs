using System.Globalization;
using System.Text;

namespace Traza.Formats.Layouts;

/// <summary>
/// Where and why an input file is invalid (SPEC §5, exit 3):
/// <c>file &lt;name&gt;[, line N][, column C]: &lt;what was expected&gt;</c>.
/// </summary>
public sealed record LayoutError(string File, long? Line, string? Column, string Expected)
{
    public override string ToString()
    {
        var sb = new StringBuilder("file ").Append(File);
        if (Line is { } line)
        {
            sb.Append(", line ").Append(line.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(Column))
        {
            sb.Append(", column ").Append(Column);
        }

        return sb.Append(": ").Append(Expected).ToString();
    }
}
