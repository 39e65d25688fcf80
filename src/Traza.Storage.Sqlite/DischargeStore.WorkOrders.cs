using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

// DischargeStore: what work orders reserved and the kits exits took from them (migration 0036; docs/cli.md "Work orders").
public sealed partial class DischargeStore
{
    public IReadOnlyList<StoredReservation> Reservations(string? client = null)
    {
        var result = new List<StoredReservation>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, work_order, leaf, part, pedimento, partida, date, qty, waste FROM discharge_reservation " +
            $"WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) ORDER BY client, work_order, leaf, part, pedimento, partida";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredReservation(r.GetString(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetInt32(5),
                CanonicalText.ParseDate(r.GetString(6)), CanonicalText.ParseDecimal(r.GetString(7)), CanonicalText.ParseDecimal(r.GetString(8))));
        }

        return result;
    }

    public IReadOnlyList<StoredKitDraw> KitDraws(string? client = null)
    {
        var result = new List<StoredKitDraw>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, work_order, movement, part, date, kits FROM discharge_kit_draw " +
            $"WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) ORDER BY client, work_order, date, movement";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredKitDraw(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), CanonicalText.ParseDate(r.GetString(4)),
                CanonicalText.ParseDecimal(r.GetString(5))));
        }

        return result;
    }

    private void InsertWorkOrders(
        SqliteTransaction tx, IEnumerable<StoredReservation>? reservations, IEnumerable<StoredKitDraw>? draws, DerivedRowHasher hasher,
        DerivedDigest digest)
    {
        if (reservations is not null)
        {
            using var cmd = Command(tx,
                $"INSERT INTO discharge_reservation VALUES ({SqliteDatabase.ProgramIdSql}, $client, $wo, $leaf, $part, $ped, $partida, $date, $qty, $waste)");
            foreach (var x in reservations)
            {
                var (date, qty, waste) = (CanonicalText.Date(x.Date), CanonicalText.Decimal(x.Qty), CanonicalText.Decimal(x.Waste));
                Set(cmd, ("$client", x.Client), ("$wo", x.WorkOrder), ("$leaf", x.Leaf), ("$part", x.Part), ("$ped", x.Pedimento),
                    ("$partida", x.Partida), ("$date", date), ("$qty", qty), ("$waste", waste));
                cmd.ExecuteNonQuery();
                hasher.Begin(DerivedDigest.Reservation).Integer(SqliteDatabase.ProgramId).Text(x.Client).Integer(x.WorkOrder).Integer(x.Leaf)
                    .Text(x.Part).Text(x.Pedimento).Integer(x.Partida).Text(date).Text(qty).Text(waste).AddTo(digest, DerivedDigest.Reservation);
            }
        }

        if (draws is not null)
        {
            using var cmd = Command(tx,
                $"INSERT INTO discharge_kit_draw VALUES ({SqliteDatabase.ProgramIdSql}, $client, $wo, $m, $part, $date, $kits)");
            foreach (var d in draws)
            {
                var (date, kits) = (CanonicalText.Date(d.Date), CanonicalText.Decimal(d.Kits));
                Set(cmd, ("$client", d.Client), ("$wo", d.WorkOrder), ("$m", d.Movement), ("$part", d.Part), ("$date", date), ("$kits", kits));
                cmd.ExecuteNonQuery();
                hasher.Begin(DerivedDigest.KitDraw).Integer(SqliteDatabase.ProgramId).Text(d.Client).Integer(d.WorkOrder).Integer(d.Movement)
                    .Text(d.Part).Text(date).Text(kits).AddTo(digest, DerivedDigest.KitDraw);
            }
        }
    }
}
