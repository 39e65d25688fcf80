using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Traza.App.Reports;
using Traza.Domain.Common;
using Traza.Storage;

namespace Traza.App.Reconciliation;

/// <summary>
/// The findings of the last reconciliation of each scope, kept so that <c>traza report reconcile</c> and the API serve
/// them again without comparing the whole ledger with every Data Stage package per request (issue 13 item 7; migration
/// 0038). A stored result is served only when everything the findings are a function of is unchanged — the scope, the
/// as-of date, the tolerances and the <see cref="Stamp"/> (the last batch of the chain, which every import, reversal,
/// Data Stage package and M3 file adds; the stored discharge run; the build of Traza) — and its digest matches; else
/// the findings are computed again and replace it. So a served result is what a fresh computation gives (SPEC §6: a
/// report is never silently stale), which the tests hold it to.
/// </summary>
public static class StoredFindings
{
    /// <summary>
    /// The findings for <paramref name="context"/>: the stored ones when they still hold, else computed by
    /// <paramref name="compute"/> (read in one snapshot with the stamp) and stored.
    /// </summary>
    public static List<ReconcileFinding> Get(ReportContext context, ReconcileTolerances tolerances, Func<List<ReconcileFinding>> compute)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tolerances);
        ArgumentNullException.ThrowIfNull(compute);
        var store = context.Store;
        var scope = context.Client ?? string.Empty;
        var options = Options(tolerances);
        string stamp;
        List<ReconcileFinding> findings;
        using (store.BeginReadSnapshot()) // the stamp names exactly the ledger the findings were computed from (SPEC §9)
        {
            stamp = Stamp(store);
            if (store.Derived.Reconciliation(scope) is { } stored
                && stored.AsOf == context.AsOf && stored.Options == options && stored.Stamp == stamp && Intact(stored))
            {
                return Decode(stored.Findings);
            }

            findings = compute();
        }

        var json = Encode(findings);
        var computedAt = context.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var result = new StoredReconciliation(scope, context.AsOf, options, stamp, computedAt, findings.Count, json, string.Empty);
        store.Derived.SaveReconciliation(result with { Digest = Digest(result) });
        return findings;
    }

    /// <summary>
    /// What <c>traza audit verify</c> says of the stored reconciliations: null when there are none; else whether each
    /// row's digest holds and, with <paramref name="recompute"/>, whether each one still current (its stamp is today's)
    /// gives the same findings computed again.
    /// </summary>
    public static (bool Intact, string Message)? Verify(ITrazaStore store, bool recompute, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = store.Derived.Reconciliations();
        if (stored.Count == 0)
        {
            return null;
        }

        foreach (var s in stored)
        {
            if (!Intact(s))
            {
                return (false, $"stored reconciliation altered: reconcile_result of {Label(s)} does not match its digest");
            }
        }

        if (!recompute)
        {
            return (true, $"stored reconciliations intact: {stored.Count} by digest");
        }

        var stamp = Stamp(store);
        var checkedCount = 0;
        foreach (var s in stored.Where(s => s.Stamp == stamp))
        {
            var tolerances = ParseOptions(s.Options);
            var context = new ReportContext(store, s.AsOf, s.Scope.Length == 0 ? null : s.Scope, new Dictionary<string, string?>(), clock);
            if (Encode(ReconcileReport.Build(context, tolerances)) != s.Findings)
            {
                return (false, $"stored reconciliation altered: reconcile_result of {Label(s)} differs from the findings computed again");
            }

            checkedCount++;
        }

        return (true, $"stored reconciliations intact: {stored.Count} by digest, {checkedCount} current one(s) computed again");
    }

    private static string Label(StoredReconciliation s) =>
        $"{(s.Scope.Length == 0 ? "the whole program" : "client " + s.Scope)} as of {CanonicalText.Date(s.AsOf)}";

    private static ReconcileTolerances ParseOptions(string options)
    {
        var values = options.Split(';').Select(o => o.Split('=', 2)).ToDictionary(o => o[0], o => o[1], StringComparer.Ordinal);
        return new ReconcileTolerances(
            decimal.Parse(values["qty-tolerance"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
            decimal.Parse(values["value-tolerance"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    /// <summary>The tolerances as stored: <c>qty-tolerance=0.001;value-tolerance=1</c> (canonical decimals).</summary>
    public static string Options(ReconcileTolerances tolerances)
    {
        ArgumentNullException.ThrowIfNull(tolerances);
        return $"qty-tolerance={CanonicalText.Decimal(tolerances.QtyUmt)};value-tolerance={CanonicalText.Decimal(tolerances.ValueUsd)}";
    }

    /// <summary>
    /// What the findings depend on besides scope, date and tolerances: the chain's last batch (id and digest), the stored
    /// discharge run (the <c>directed_source_short</c> findings come from it) and the build — the module version ids of
    /// the assemblies that compute findings, so a new Traza never serves an older one's findings or advice.
    /// </summary>
    public static string Stamp(ITrazaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var batch = store.Batches() is [.., var last] ? $"batch {last.Id} {last.Digest}" : "batch none";
        var run = store.Derived.LatestRun() is { } r
            ? $"run {r.Id} {CanonicalText.Date(r.AsOf)} {r.LastBatch} {r.DerivedDigest}"
            : "run none";
        return $"{batch}; {run}; build {Build}";
    }

    /// <summary>True when the stored row's digest is the SHA-256 of its other columns.</summary>
    public static bool Intact(StoredReconciliation stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return string.Equals(stored.Digest, Digest(stored), StringComparison.Ordinal);
    }

    /// <summary>SHA-256 (hex) of every column but the digest, each prefixed by its length so no two rows share a text.</summary>
    public static string Digest(StoredReconciliation stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            stored.Scope, CanonicalText.Date(stored.AsOf), stored.Options, stored.Stamp, stored.ComputedAt,
            stored.Rows.ToString(CultureInfo.InvariantCulture), stored.Findings,
        })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The findings as a JSON array of arrays, in the report's column order.</summary>
    public static string Encode(IReadOnlyList<ReconcileFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var f in findings)
            {
                json.WriteStartArray();
                json.WriteStringValue(f.Finding);
                json.WriteStringValue(f.Pedimento);
                if (f.Partida is { } partida)
                {
                    json.WriteNumberValue(partida);
                }
                else
                {
                    json.WriteNullValue();
                }

                json.WriteStringValue(f.Field);
                json.WriteStringValue(f.Ledger);
                json.WriteStringValue(f.DataStage);
                json.WriteStringValue(f.Difference);
                json.WriteStringValue(f.Advice);
                json.WriteStringValue(f.Source);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The findings <see cref="Encode"/> wrote.</summary>
    public static List<ReconcileFinding> Decode(string json)
    {
        using var document = JsonDocument.Parse(json);
        var findings = new List<ReconcileFinding>(document.RootElement.GetArrayLength());
        foreach (var row in document.RootElement.EnumerateArray())
        {
            findings.Add(new ReconcileFinding(
                row[0].GetString()!, row[1].GetString()!, row[2].ValueKind == JsonValueKind.Null ? null : row[2].GetInt32(),
                row[3].GetString()!, row[4].GetString(), row[5].GetString(), row[6].GetString(), row[7].GetString()!, row[8].GetString()!));
        }

        return findings;
    }

    private static readonly string Build = string.Join(' ', new[]
    {
        typeof(StoredFindings).Assembly, typeof(CanonicalText).Assembly, typeof(ITrazaStore).Assembly,
        typeof(Traza.Formats.Reports.ReportData).Assembly,
    }.Select(a => a.ManifestModule.ModuleVersionId.ToString("N")));
}
