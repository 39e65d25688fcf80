namespace Traza.Storage;

/// <summary>
/// The ledger's records in stored form (<see cref="EncodedRow"/>): the columns of each table in declaration order, as
/// every store holds them and the batch digest hashes them (docs/architecture.md Decision 1).
/// </summary>
public static class LedgerRows
{
    /// <summary>A row in stored form for <see cref="ILedgerBatch.Append(TableSpec, EncodedRow, long)"/>; any thread may encode with its own <paramref name="row"/> buffer.</summary>
    public static EncodedRow Encode(PartRecord p, RowBuffer row)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(row);
        row.Clear();
        row.Set(0, p.Client);
        row.Set(1, p.Part);
        row.Set(2, p.Description);
        row.Set(3, p.Kind);
        row.Set(4, p.Fraccion);
        row.Set(5, p.Nico);
        row.Set(6, p.Umc);
        row.Set(7, p.Umt);
        row.Set(8, (decimal?)p.UmtPerUmc);
        row.Set(9, p.Origin);
        row.Set(10, p.Source);
        return row.ToEncoded();
    }

    /// <summary>As the other <c>Encode</c> overloads.</summary>
    public static EncodedRow Encode(BomRecord b, RowBuffer row)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(row);
        row.Clear();
        row.Set(0, b.Client);
        row.Set(1, b.Product);
        row.Set(2, b.Component);
        if (b.ValidFrom is { } from)
        {
            row.Set(3, (DateOnly?)from);
        }
        else
        {
            row.Set(3, string.Empty);
        }

        row.Set(4, (decimal?)b.QtyPer);
        row.Set(5, (decimal?)b.MermaPct);
        row.Set(6, (decimal?)b.DesperdicioPct);
        row.Set(7, b.ValidTo);
        return row.ToEncoded();
    }

    /// <summary>As the other <c>Encode</c> overloads.</summary>
    public static EncodedRow Encode(EntryRecord e, RowBuffer row)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(row);
        SetLotKey(e, row);
        row.Set(4, e.Clave);
        row.Set(5, (DateOnly?)e.Date);
        row.Set(6, (decimal?)e.Qty);
        row.Set(7, e.QtyUmt);
        row.Set(8, e.ValueUsd);
        row.Set(9, e.CustomsValueMxn);
        row.Set(10, e.ExchangeRate);
        row.Set(11, e.Origin);
        row.Set(12, e.Preference);
        row.Set(13, e.Invoice);
        row.Set(14, e.Rectifies);
        row.Set(15, e.Site);
        return row.ToEncoded();
    }

    /// <summary>
    /// A lot's opening discharge (SPEC §3.4 <c>discharged_before</c>) in stored form for <see cref="ILedgerBatch.Append(TableSpec, EncodedRow, long)"/> to
    /// <see cref="TableSpec.EntryOpening"/>, at the lot's own line; write one only when it is given and not 0 (migration 0027).
    /// </summary>
    public static EncodedRow EncodeOpening(EntryRecord e, RowBuffer row)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(row);
        SetLotKey(e, row);
        row.Set(4, e.DischargedBefore ?? 0m);
        return row.ToEncoded();
    }

    /// <summary>A lot's key (client, pedimento, partida, part): the first columns of <c>entry</c> and <c>entry_opening</c>.</summary>
    private static void SetLotKey(EntryRecord e, RowBuffer row)
    {
        row.Clear();
        row.Set(0, e.Client);
        row.Set(1, e.Pedimento);
        row.Set(2, (long)e.Partida);
        row.Set(3, e.Part);
    }

    /// <summary>As the other <c>Encode</c> overloads.</summary>
    public static EncodedRow Encode(ExitRecord x, RowBuffer row)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(row);
        row.Clear();
        row.Set(0, x.Client);
        row.Set(1, x.Pedimento);
        row.Set(2, (long)x.Partida);
        row.Set(3, x.Part);
        row.Set(4, x.Clave);
        row.Set(5, (DateOnly?)x.Date);
        row.Set(6, (decimal?)x.Qty);
        row.Set(7, x.QtyUmt);
        row.Set(8, x.ValueUsd);
        row.Set(9, x.Destination);
        row.Set(10, x.Counterparty);
        row.Set(11, x.Case);
        row.Set(12, x.BomDate);
        row.Set(13, x.SourcePedimento);
        if (x.SourcePartida is { } sp)
        {
            row.Set(14, (long)sp);
        }
        else
        {
            row.SetNull(14);
        }

        row.Set(15, x.Rectifies);
        return row.ToEncoded();
    }

    /// <summary>As the other <c>Encode</c> overloads.</summary>
    public static EncodedRow Encode(CountRecord c, RowBuffer row)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(row);
        row.Clear();
        row.Set(0, c.Client);
        row.Set(1, (DateOnly?)c.Date);
        row.Set(2, c.Part);
        row.Set(3, c.Site);
        row.Set(4, (decimal?)c.Qty);
        return row.ToEncoded();
    }

    /// <summary>An events row (SPEC §4.1 events); its line is part of its key.</summary>
    public static EncodedRow Encode(EventRecord v, long line, RowBuffer row)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(row);
        row.Clear();
        row.Set(0, v.Client);
        row.Set(1, (DateOnly?)v.Date);
        row.Set(2, v.Type);
        row.Set(3, v.Part);
        row.Set(4, v.Reference);
        row.Set(5, line);
        row.Set(6, (decimal?)v.Qty);
        row.Set(7, v.Waste ? 1L : 0L);
        row.Set(8, v.ThirdParty);
        row.Set(9, v.Site);
        return row.ToEncoded();
    }

    /// <summary>
    /// A catalog row from its key and content values in stored form (string, long or int, null/DBNull; anything else as
    /// its canonical text), as <c>ILedgerBatch.Insert</c> takes them.
    /// </summary>
    public static EncodedRow Encode(IReadOnlyList<object?> key, IReadOnlyList<object?> content, RowBuffer row)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(row);
        row.Clear();
        var c = 0;
        foreach (var value in key.Concat(content))
        {
            switch (value)
            {
                case null or DBNull:
                    row.SetNull(c);
                    break;
                case string text:
                    row.Set(c, text);
                    break;
                case long l:
                    row.Set(c, l);
                    break;
                case int i:
                    row.Set(c, (long)i);
                    break;
                default:
                    row.Set(c, SqlText.Canonical(value));
                    break;
            }

            c++;
        }

        return row.ToEncoded();
    }
}
