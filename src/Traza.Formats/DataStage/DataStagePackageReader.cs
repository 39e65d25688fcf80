using System.IO.Compression;
using Traza.Formats.Government;

namespace Traza.Formats.DataStage;

/// <summary>
/// Reads SAT Data Stage packages exactly as delivered (SPEC §4.2, regulatory brief §3.2): a ZIP — possibly inside
/// other ZIPs, possibly without an extension — or a folder (or single files) of <c>{folio}_{tabla}.asc</c> members,
/// streaming every row to an <see cref="IDataStageSink"/>.
/// </summary>
/// <remarks>
/// Members are grouped by folio (one SAT request each) and read Resumen first, then 501 (which gives every
/// pedimento its year, SPEC §3.1), then the rest in SAT order. After a package, the Resumen totals are checked as
/// the 551 and 557 row counts (SPEC §3.10). Anything malformed — a corrupt or truncated archive, a missing column,
/// a row with too few fields, a bad date or key — throws <see cref="GovernmentFormatException"/> naming the member
/// (<c>pkg.zip!123_551.asc</c>), line and column; no other exception escapes the reading itself.
/// </remarks>
public sealed class DataStagePackageReader
{
    /// <summary>Nested archives up to this size are unpacked in memory, larger ones to a temporary file.</summary>
    private const long InMemoryNestedZipLimit = 256L << 20;

    private const int MaxNesting = 8;

    /// <summary>Reads every package found at <paramref name="path"/> (ZIP, folder, or one <c>.asc</c> file).</summary>
    public void Read(string path, IDataStageSink sink)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sink);
        if (Directory.Exists(path))
        {
            ReadFolder(path, sink);
            return;
        }

        if (!File.Exists(path))
        {
            throw new GovernmentFormatException(path, null, null, "an existing ZIP archive, folder or {folio}_{tabla}.asc file");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(path, null, null, $"a readable file ({e.Message})", e);
        }

        using (stream)
        {
            Read(stream, path, sink);
        }
    }

    /// <summary>
    /// Reads a package from a seekable stream holding a ZIP, or a single <c>.asc</c> member whose name is
    /// <paramref name="name"/>.
    /// </summary>
    public void Read(Stream stream, string name, IDataStageSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sink);
        if (IsZip(stream, name))
        {
            ReadZip(stream, name, sink, 0);
            return;
        }

        var fileName = Path.GetFileName(name);
        if (!DataStageMemberName.TryParse(fileName, out var folio, out var layout))
        {
            throw new GovernmentFormatException(name, null, null, "a ZIP archive, a folder or a {folio}_{tabla}.asc file (e.g. 896998_501.asc)");
        }

        var member = new AscMember(folio, layout, name, () => new NonClosingStream(stream));
        ReadMembers([member], name, sink);
    }

    private void ReadFolder(string folder, IDataStageSink sink)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(folder, null, null, $"a readable folder ({e.Message})", e);
        }

        Array.Sort(files, StringComparer.Ordinal);
        var members = new List<AscMember>();
        foreach (var file in files)
        {
            var fileName = Path.GetFileName(file);
            if (DataStageMemberName.TryParse(fileName, out var folio, out var layout))
            {
                members.Add(new AscMember(folio, layout, file, () => OpenFile(file)));
                continue;
            }

            using var s = OpenFile(file);
            if (IsZip(s, file))
            {
                ReadZip(s, file, sink, 0);
            }
            else
            {
                sink.Note(new GovernmentNote(file, null, "not a Data Stage table or ZIP: ignored"));
            }
        }

        if (members.Count == 0 && files.Length == 0)
        {
            throw new GovernmentFormatException(folder, null, null, "a folder holding {folio}_{tabla}.asc files or ZIP packages; it is empty");
        }

        ReadMembers(members, folder, sink);
    }

    private static Stream OpenFile(string file)
    {
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(file, null, null, $"a readable file ({e.Message})", e);
        }
    }

    private void ReadZip(Stream stream, string display, IDataStageSink sink, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new GovernmentFormatException(display, null, null, $"ZIPs nested at most {MaxNesting} deep");
        }

        ZipArchive archive;
        IReadOnlyList<ZipArchiveEntry> entries;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            entries = archive.Entries;
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(display, null, null, $"a complete ZIP archive; it is corrupt or truncated ({e.Message})", e);
        }

        using (archive)
        {
            var members = new List<AscMember>();
            foreach (var entry in entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    continue;
                }

                var entryDisplay = display + "!" + entry.FullName;
                var fileName = Path.GetFileName(entry.FullName.Replace('\\', '/'));
                if (DataStageMemberName.TryParse(fileName, out var folio, out var layout))
                {
                    members.Add(new AscMember(folio, layout, entryDisplay, () => OpenEntry(entry, entryDisplay)));
                    continue;
                }

                using var nested = MaterializeIfZip(entry, entryDisplay);
                if (nested is null)
                {
                    sink.Note(new GovernmentNote(entryDisplay, null, "not a Data Stage table or ZIP: ignored"));
                    continue;
                }

                ReadZip(nested, entryDisplay, sink, depth + 1);
            }

            if (members.Count == 0 && entries.Count == 0)
            {
                throw new GovernmentFormatException(display, null, null, "a ZIP holding {folio}_{tabla}.asc files; it is empty");
            }

            ReadMembers(members, display, sink);
        }
    }

    private static Stream OpenEntry(ZipArchiveEntry entry, string display)
    {
        try
        {
            return entry.Open();
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(display, null, null, $"a readable ZIP member; it is corrupt ({e.Message})", e);
        }
    }

    /// <summary>Returns the entry as a seekable stream when it is a ZIP (by its first bytes, whatever its name), else null.</summary>
    private static Stream? MaterializeIfZip(ZipArchiveEntry entry, string display)
    {
        try
        {
            using (var probe = entry.Open())
            {
                Span<byte> magic = stackalloc byte[4];
                var n = probe.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
                if (n < 4 || !IsZipMagic(magic))
                {
                    return null;
                }
            }

            Stream target = entry.Length <= InMemoryNestedZipLimit
                ? new MemoryStream(checked((int)Math.Max(entry.Length, 0)))
                : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            try
            {
                using (var source = entry.Open())
                {
                    source.CopyTo(target);
                }

                target.Position = 0;
                return target;
            }
            catch
            {
                target.Dispose();
                throw;
            }
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(display, null, null, $"a readable ZIP member; it is corrupt or truncated ({e.Message})", e);
        }
    }

    private static bool IsZip(Stream stream, string display)
    {
        try
        {
            if (!stream.CanSeek)
            {
                return false;
            }

            var pos = stream.Position;
            Span<byte> magic = stackalloc byte[4];
            var n = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
            stream.Position = pos;
            return n == 4 && IsZipMagic(magic);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(display, null, null, $"a readable file ({e.Message})", e);
        }
    }

    private static bool IsZipMagic(ReadOnlySpan<byte> m) =>
        m[0] == (byte)'P' && m[1] == (byte)'K' && ((m[2] == 3 && m[3] == 4) || (m[2] == 5 && m[3] == 6));

    private static void ReadMembers(List<AscMember> members, string container, IDataStageSink sink)
    {
        foreach (var group in members.GroupBy(m => m.Folio, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            new DataStagePackageParser(group.Key, container, [.. group], sink).Run();
        }
    }

    internal static bool IsReadFailure(Exception e) =>
        e is not GovernmentFormatException and not OutOfMemoryException and not OperationCanceledException;

    internal sealed record AscMember(string Folio, DataStageTableLayout Layout, string Display, Func<Stream> Open);

    /// <summary>Lets a caller's stream be read as a member without being closed by it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
