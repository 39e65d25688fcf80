namespace Traza.Storage;

/// <summary>
/// The Data Stage tables of migration 0002_government.sql: for each SAT table, whether rows carry a partida,
/// whether the row is keyed by its natural key (501, 551: a newer package replaces the row) or by content
/// (<c>row_hash</c>: identical rows merge), and its typed columns in the order <c>GovernmentWriter</c> takes them.
/// Generated together with the SQL from the layouts so both stay in step.
/// </summary>
public static class GovernmentSchema
{
    /// <summary>One Data Stage table's storage shape.</summary>
    public sealed record DsTable(string Name, string SqlTable, bool HasPartida, bool NaturalKey, IReadOnlyList<string> Typed);

    public static readonly IReadOnlyDictionary<string, DsTable> Tables = new Dictionary<string, DsTable>(StringComparer.OrdinalIgnoreCase)
    {
        ["501"] = new("501", "ds_501", false, true, ["operation", "clave", "rfc", "tipo_cambio", "tipo_pedimento", "fecha_recepcion", "fecha_pago", "executed"]),
        ["502"] = new("502", "ds_502", false, false, []),
        ["503"] = new("503", "ds_503", false, false, []),
        ["504"] = new("504", "ds_504", false, false, []),
        ["505"] = new("505", "ds_505", false, false, ["fecha_factura", "numero_factura", "moneda", "valor_usd", "proveedor"]),
        ["506"] = new("506", "ds_506", false, false, ["tipo_fecha", "fecha"]),
        ["507"] = new("507", "ds_507", false, false, ["clave_caso", "identificador", "complemento"]),
        ["508"] = new("508", "ds_508", false, false, []),
        ["509"] = new("509", "ds_509", false, false, []),
        ["510"] = new("510", "ds_510", false, false, ["clave_contribucion", "forma_pago", "importe"]),
        ["511"] = new("511", "ds_511", false, false, []),
        ["512"] = new("512", "ds_512", false, false, ["original_pedimento", "clave_original", "fecha_original", "fraccion_original", "umt", "qty_umt"]),
        ["520"] = new("520", "ds_520", false, false, []),
        ["551"] = new("551", "ds_551", true, true, ["fraccion", "nico", "descripcion", "value_usd", "customs_value_mxn", "qty_umc", "umc", "qty_umt", "umt", "origin", "operation", "clave", "fecha_pago", "executed"]),
        ["552"] = new("552", "ds_552", true, false, []),
        ["553"] = new("553", "ds_553", true, false, []),
        ["554"] = new("554", "ds_554", true, false, ["clave_caso", "identificador", "complemento"]),
        ["555"] = new("555", "ds_555", true, false, []),
        ["556"] = new("556", "ds_556", true, false, []),
        ["557"] = new("557", "ds_557", true, false, ["clave_contribucion", "forma_pago", "importe"]),
        ["558"] = new("558", "ds_558", true, false, ["secuencia", "observacion"]),
        ["701"] = new("701", "ds_701", false, false, ["clave", "fecha_pago", "anterior_pedimento", "clave_anterior", "fecha_anterior", "original_pedimento"]),
        ["702"] = new("702", "ds_702", false, false, ["clave_contribucion", "forma_pago", "importe"]),
        ["Sel"] = new("Sel", "ds_sel", false, false, []),
        ["Inci"] = new("Inci", "ds_inci", true, false, []),
    };
}
