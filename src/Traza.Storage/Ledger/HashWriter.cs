using System.Security.Cryptography;

namespace Traza.Storage.Ledger;

/// <summary>SHA-256 over bytes appended in small pieces, buffered so the hash sees large blocks.</summary>
internal sealed class HashWriter : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] buffer = new byte[1 << 16];
    private int used;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (used + bytes.Length > buffer.Length)
        {
            Flush();
            if (bytes.Length > buffer.Length)
            {
                hash.AppendData(bytes);
                return;
            }
        }

        bytes.CopyTo(buffer.AsSpan(used));
        used += bytes.Length;
    }

    /// <summary>The lowercase hex SHA-256 of everything appended.</summary>
    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose() => hash.Dispose();

    private void Flush()
    {
        if (used > 0)
        {
            hash.AppendData(buffer, 0, used);
            used = 0;
        }
    }
}
