using System.Text;

namespace Traza.Formats.Government;

/// <summary>
/// Text decoding of government files. SAT Data Stage <c>.asc</c> files and SAAI M3 files are single-byte text; the
/// samples are ASCII but names carry Ñ and accents, so they are read as Windows-1252 (regulatory brief §3.2). A file
/// that starts with a UTF-8 byte-order mark was re-saved by some tool and is read as UTF-8.
/// </summary>
public static class GovernmentEncoding
{
    private static readonly Lazy<Encoding> Cp1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    /// <summary>Windows-1252 (the code-page provider ships in the framework and is registered on first use).</summary>
    public static Encoding Windows1252 => Cp1252.Value;

    /// <summary>UTF-8 without a byte-order mark, for files that declared themselves UTF-8.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(false, false);

    /// <summary>Decodes one line of a government file: ASCII fast path, else Windows-1252 (or UTF-8 when so declared).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, bool utf8)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (System.Text.Ascii.IsValid(bytes))
        {
            return Encoding.ASCII.GetString(bytes);
        }

        return utf8 ? Utf8.GetString(bytes) : Windows1252.GetString(bytes);
    }

    /// <summary>
    /// Decodes one line into <paramref name="buffer"/> (grown when needed) instead of a new string: the hot path of the
    /// Data Stage reader (SPEC §8). Returns the number of chars written.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> bytes, bool utf8, ref char[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var max = bytes.Length; // Windows-1252 and ASCII: one char per byte; UTF-8 never gives more chars than bytes
        if (buffer.Length < max)
        {
            buffer = new char[Math.Max(max, buffer.Length * 2)];
        }

        if (System.Text.Ascii.IsValid(bytes))
        {
            _ = System.Text.Ascii.ToUtf16(bytes, buffer, out var written);
            return written;
        }

        return (utf8 ? Utf8 : Windows1252).GetChars(bytes, buffer);
    }
}
