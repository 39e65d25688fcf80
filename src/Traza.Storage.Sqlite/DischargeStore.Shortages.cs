using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

// DischargeStore: the stored shortages, waste disposals and findings, as reports list them.
public sealed partial class DischargeStore
{
    public IReadOnlyList<StoredShortage> Shortages(string? client = null)
    {
        var result = new List<StoredShortage>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, movement, part, movement_kind, document, date, qty FROM discharge_shortage " +
            $"WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) ORDER BY date, client, document, part, movement";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredShortage(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
                CanonicalText.ParseDate(r.GetString(5)), CanonicalText.ParseDecimal(r.GetString(6))));
        }

        return result;
    }

    public IReadOnlyList<StoredWasteDisposal> WasteDisposals(string? client = null, DateOnly? from = null)
    {
        var result = new List<StoredWasteDisposal>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, movement, part, pedimento, partida, date, qty FROM discharge_waste_disposal " +
            $"WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) AND ($from IS NULL OR date >= $from) " +
            "ORDER BY date, client, part, movement, pedimento, partida";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$from", from is { } f ? CanonicalText.Date(f) : DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredWasteDisposal(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                CanonicalText.ParseDate(r.GetString(5)), CanonicalText.ParseDecimal(r.GetString(6))));
        }

        return result;
    }

    public IReadOnlyList<StoredFinding> Findings(string? client = null)
    {
        var result = new List<StoredFinding>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, code, movement, document, date, part, pedimento, partida, qty, detail FROM discharge_finding " +
            $"WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) ORDER BY seq";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredFinding(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), CanonicalText.ParseDate(r.GetString(4)),
                r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7), CanonicalText.ParseDecimal(r.GetString(8)), r.GetString(9)));
        }

        return result;
    }
}
