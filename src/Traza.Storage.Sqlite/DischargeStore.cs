using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Reads and replaces the derived discharge data (migration 0003): one transaction swaps a whole run, so readers
/// always see one consistent run (SPEC §9). One concern a file: the full save (<c>DischargeStore.FullSave.cs</c>), the
/// incremental save (<c>.Incremental.cs</c>), the row writers that feed the derived digest (<c>.Writers.cs</c>), the run row
/// and catalog (<c>.Run.cs</c>), pools loaded (<c>.Pools.cs</c>), the tails an incremental run reads (<c>.Tails.cs</c>), shortages,
/// disposals and findings (<c>.Shortages.cs</c>) and the lot totals reports scan (<c>.LotTotals.cs</c>); this file holds the
/// helpers they share: commands, pragmas and the stored text of lot keys (dates and decimals are
/// <see cref="Traza.Domain.Common.CanonicalText"/>'s).
/// </summary>
public sealed partial class DischargeStore(SqliteConnection connection) : IDerivedStore
{
    /// <summary>
    /// Where a whole pool's tail starts (migration 0021): at its first lot with quantity left to discharge. Lots before it
    /// can change again only through a back-dated change, a waste disposal or an exit that names them.
    /// </summary>
    public static int TailStart(IReadOnlyList<PoolLotTotals> totals) => PoolSegments.TailStart(totals);

    private static string JoinKeys(IReadOnlyList<PoolLotKey> keys, int start, int count)
    {
        var sb = new StringBuilder(count * 20);
        for (var i = start; i < start + count; i++)
        {
            sb.Append(keys[i].Pedimento).Append('\t').Append(keys[i].Partida.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    private static PoolLotKey[] SplitKeys(string text)
    {
        var keys = new PoolLotKey[text.AsSpan().Count('\n')];
        var at = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var end = text.IndexOf('\n', at);
            var tab = text.LastIndexOf('\t', end - 1, end - at);
            keys[i] = new PoolLotKey(text[at..tab], int.Parse(text.AsSpan(tab + 1, end - tab - 1), CultureInfo.InvariantCulture));
            at = end + 1;
        }

        return keys;
    }

    private long Pragma(string name)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA " + name;
        return (long)cmd.ExecuteScalar()!;
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private void Exec(SqliteTransaction? tx, string sql)
    {
        using var cmd = Command(tx, sql);
        cmd.ExecuteNonQuery();
    }

    private static void Set(SqliteCommand cmd, params (string Name, object? Value)[] values)
    {
        cmd.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
