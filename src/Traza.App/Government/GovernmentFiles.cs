using System.Security.Cryptography;
using System.Text;

namespace Traza.App.Government;

/// <summary>Identity of government inputs: the SHA-256 of a file, or of a folder's sorted (relative name, content hash) pairs.</summary>
public static class GovernmentFiles
{
    public static string Sha256(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            using var s = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(s));
        }

        if (!Directory.Exists(path))
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        var files = Directory.GetFiles(path, "*", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var f in files)
        {
            using var s = File.OpenRead(f);
            sb.Append(Path.GetRelativePath(path, f).Replace('\\', '/')).Append('\u001f')
                .Append(Convert.ToHexStringLower(SHA256.HashData(s))).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>The SHA-256 standing for several inputs imported together (the batch's file hash).</summary>
    public static string Combine(IEnumerable<string> sha256s) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sha256s))));

    /// <summary>
    /// A content hash of a row's values (FNV-1a, 64 bits, hex): identical rows of one pedimento from overlapping
    /// packages merge on it. Stable across runs and machines; only compared within one pedimento's rows of one table.
    /// </summary>
    public static string RowHash(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var h = 14695981039346656037UL;
        foreach (var v in values)
        {
            foreach (var c in v)
            {
                h = unchecked((h ^ c) * 1099511628211UL);
            }

            h = unchecked((h ^ 0x1F) * 1099511628211UL);
        }

        return h.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The outcome of <c>traza import datastage</c> / <c>traza import m3</c>.</summary>
public sealed record GovernmentImportResult(
    string Kind,
    IReadOnlyList<string> Paths,
    bool AlreadyImported,
    long? BatchId,
    int Packages,
    long Rows,
    IReadOnlyList<string> Notes)
{
    public string Describe()
    {
        var names = string.Join(", ", Paths.Select(Path.GetFileName));
        if (AlreadyImported)
        {
            return $"{names}: already imported (same SHA-256); nothing to do";
        }

        var what = Kind == "datastage" ? $"{Packages} Data Stage package(s)" : $"{Packages} M3 pedimento(s)";
        return $"{names}: imported {what}, {Rows} rows merged as batch {BatchId}" + (Notes.Count > 0 ? $"; {Notes.Count} note(s)" : string.Empty);
    }
}
