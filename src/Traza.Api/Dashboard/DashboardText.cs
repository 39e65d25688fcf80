using System.Collections.Frozen;
using Traza.App.Reports;

namespace Traza.Api.Dashboard;

/// <summary>
/// The dashboard's own words (titles, navigation, buttons) in Spanish and English. Report columns and enumerated values are
/// not here: they come from <see cref="Labels"/> (labels.csv), as the CLI's table and XLSX take them.
/// </summary>
internal static class DashboardText
{
    private static readonly FrozenDictionary<string, (string En, string Es)> Words = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["title"] = ("Traza — IMMEX Annex 24", "Traza — Anexo 24 IMMEX"),
        ["nav.status"] = ("Status", "Estado"),
        ["nav.shortages"] = ("Shortages", "Faltantes"),
        ["nav.reconcile"] = ("Reconciliation", "Conciliación"),
        ["nav.exposure"] = ("Exposure", "Contingencia"),
        ["nav.pedimentos"] = ("Pedimentos", "Pedimentos"),
        ["sign-in"] = ("Sign in", "Iniciar sesión"),
        ["sign-out"] = ("Sign out", "Cerrar sesión"),
        ["sign-in.key"] = ("API key", "Llave de la API"),
        ["sign-in.help"] = ("Paste a key made by traza keys create. It is checked once; the browser keeps only a session cookie.",
            "Pegue una llave creada con traza keys create. Se verifica una vez; el navegador guarda solo una cookie de sesión."),
        ["sign-in.refused"] = ("That key is unknown or revoked.", "La llave no existe o fue revocada."),
        ["signed-in-as"] = ("Key {0}: {1}", "Llave {0}: {1}"),
        ["all-clients"] = ("all clients", "todos los clientes"),
        ["as-of"] = ("As of", "Al"),
        ["client"] = ("Client", "Cliente"),
        ["show"] = ("Show", "Mostrar"),
        ["download"] = ("Download", "Descargar"),
        ["status.title"] = ("Lots per client", "Lotes por cliente"),
        ["timeline.title"] = ("Lots by deadline month", "Lotes por mes de vencimiento"),
        ["timeline.none"] = ("No open lot.", "Ningún lote vigente."),
        ["nearest.title"] = ("Lots expired or expiring", "Lotes vencidos o por vencer"),
        ["shortages.title"] = ("Shortages: exits no lot covered", "Faltantes: salidas sin lote que las cubra"),
        ["reconcile.summary"] = ("Findings per kind", "Hallazgos por tipo"),
        ["reconcile.title"] = ("Reconciliation findings (Annex 24 vs Data Stage)", "Hallazgos de la conciliación (Anexo 24 contra Data Stage)"),
        ["exposure.title"] = ("What the lots at risk would cost (MXN)", "Lo que costarían los lotes en riesgo (MXN)"),
        ["pedimentos.title"] = ("Pedimentos", "Pedimentos"),
        ["pedimento.find"] = ("Pedimento (15 digits)", "Pedimento (15 dígitos)"),
        ["pedimento.title"] = ("Pedimento {0}", "Pedimento {0}"),
        ["pedimento.partidas"] = ("Partidas", "Partidas"),
        ["pedimento.movements"] = ("Exit movements", "Movimientos de salida"),
        ["lot.title"] = ("Lot {0}, partida {1}", "Lote {0}, partida {1}"),
        ["lot.balance"] = ("Balance", "Saldo"),
        ["custody.title"] = ("Custody: where the goods went", "Custodia: a dónde fueron las mercancías"),
        ["exit.title"] = ("Custody of exit {0}: the lots it consumed", "Custodia de la salida {0}: los lotes que consumió"),
        ["custody"] = ("custody", "custodia"),
        ["none"] = ("Nothing to show.", "Nada que mostrar."),
        ["not-found"] = ("No pedimento {0} on or before the as-of date.", "No hay pedimento {0} a la fecha de corte."),
        ["rows"] = ("{0} rows", "{0} renglones"),
        ["page"] = ("Page {0} of {1}", "Página {0} de {1}"),
        ["previous"] = ("Previous", "Anterior"),
        ["next"] = ("Next", "Siguiente"),
        ["notice"] = ("Note", "Nota"),
        ["error"] = ("Error", "Error"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Get(Language language, string key, params object?[] args)
    {
        var (en, es) = Words.TryGetValue(key, out var pair) ? pair : (key, key);
        var text = language == Language.Spanish ? es : en;
        return args.Length == 0 ? text : string.Format(System.Globalization.CultureInfo.InvariantCulture, text, args);
    }
}
