using System.Text;

namespace Traza.Cli.Tests;

/// <summary>
/// Reads CSV text the way RFC 4180 writes it, so tests read report output by its fields and not by its commas: a quoted
/// field may hold commas, doubled quotes and line breaks. CRLF and LF both end a record; a final line break adds no record.
/// </summary>
public static class CsvText
{
    /// <summary>Every record of <paramref name="text"/> as its fields; throws on a quote that breaks the format.</summary>
    public static List<string[]> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i = Quoted(text, i + 1, field);
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"CSV: a quoted field must end at a comma or a line break (offset {i})");
                }

                continue;
            }

            if (c == '"')
            {
                throw new FormatException($"CSV: a quote inside an unquoted field (offset {i})");
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        if (field.Length > 0 || fields.Count > 0 || (text.Length > 0 && text[^1] == '"'))
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }

    /// <summary>The records after the header as dictionaries by column name; a record of another width throws.</summary>
    public static List<Dictionary<string, string>> Rows(string text)
    {
        var records = Parse(text);
        if (records.Count == 0)
        {
            throw new FormatException("CSV: no header");
        }

        var header = records[0];
        return [.. records.Skip(1).Select((r, n) => r.Length == header.Length
            ? header.Zip(r).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal)
            : throw new FormatException($"CSV: record {n + 2} has {r.Length} fields, the header {header.Length}"))];
    }

    /// <summary>Reads a quoted field's content from just after its opening quote; returns the index after its closing quote.</summary>
    private static int Quoted(string text, int i, StringBuilder field)
    {
        while (i < text.Length)
        {
            if (text[i] != '"')
            {
                field.Append(text[i++]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i += 2;
            }
            else
            {
                return i + 1;
            }
        }

        throw new FormatException("CSV: a quoted field is never closed");
    }
}
