using Traza.Domain.Catalogs;
using Traza.Domain.Model;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report annex24 --format xlsx --out F</c> (SPEC C10 "the Annex 24 workbook"): Anexo 24 apartado A's reports in one
/// workbook (regulatory brief §5.2) — Datos generales (the program header: razón social, RFC and IMMEX number, Anexo 24 A 1.1),
/// Entradas (<c>entries</c>), Salidas (<c>exits</c>), Materiales utilizados (the descargos: <c>custody</c>'s allocations, exit ↔
/// entry pedimento and partida, with the BOM path and the merma and desperdicio shares of each), Saldos (<c>balances</c>) and
/// Activo fijo (the <c>balances</c> rows of fixed-asset lots, SPEC §3.3). Every sheet is the named report's rows, never a second
/// computation of them. In <c>table</c>, CSV and JSON it prints the index: one row per sheet with its row count.
/// </summary>
public sealed class Annex24Report : IReport
{
    /// <summary>The sheets, in workbook order (the <c>sheet</c> column's values; labels <c>sheet.annex24.NAME</c>).</summary>
    public static readonly IReadOnlyList<string> SheetNames = ["general", "entries", "exits", "materials", "balances", "fixed_assets"];

    public static readonly IReadOnlyList<ReportColumn> Columns = [ReportColumn.Enumerated("sheet", SheetNames), "rows", "source"];

    /// <summary>The general sheet's columns.</summary>
    public static readonly IReadOnlyList<ReportColumn> GeneralColumns = ["item", "detail"];

    /// <summary>The materials sheet: custody's columns, then the BOM path and the merma and desperdicio shares of qty.</summary>
    public static readonly IReadOnlyList<ReportColumn> MaterialsColumns = [.. CustodyReport.Columns, "bom", "merma", "desperdicio"];

    public string Name => "annex24";

    public string Description => "the Annex 24 workbook (xlsx): general data, entries, exits, materials used, balances, fixed assets";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sheets = new List<(string Name, string Source, ReportData Data)>();
        var store = context.Store;
        if (ProgramCheckReport.HasMovements(store))
        {
            sheets.Add(("general", "program", General(context)));
            sheets.Add(("entries", "entries", Materialized(new EntriesReport().Run(context))));
            sheets.Add(("exits", "exits", Materialized(new ExitsReport().Run(context))));
            sheets.Add(("materials", "custody", Materials(context)));
            var balances = Materialized(BalancesReport.Build(store, context.AsOf, context.Client));
            sheets.Add(("balances", "balances", balances));
            sheets.Add(("fixed_assets", "balances", FixedAssets(balances)));
        }

        // SPEC §6: an empty ledger gives the header row only (and an XLSX without sheets of data: the index alone).
        var index = sheets.Select(s => new object?[] { s.Name, (long)((List<object?[]>)s.Data.Rows).Count, s.Source }).ToList();
        return new ReportData(Columns, index)
        {
            Sheets = sheets.Count == 0
                ? null
                : [.. sheets.Select(s => s.Data with { SheetName = s.Name, LabelsOf = s.Source == "program" ? "annex24" : s.Source })],
        };
    }

    private static ReportData Materialized(ReportData data) => new(data.Columns, data.Rows.ToList());

    /// <summary>Anexo 24 A 1.1: the company's general data, on the workbook's first sheet.</summary>
    private static ReportData General(ReportContext context)
    {
        var program = context.Store.GetProgram();
        var rows = new List<object?[]>
        {
            new object?[] { "name", program?.Name },
            new object?[] { "rfc", program?.Rfc },
            new object?[] { "immex", program?.Immex },
            new object?[] { "modality", program?.Modality },
            new object?[] { "valid_from", program?.ValidFrom },
            new object?[] { "valid_to", program?.ValidTo },
            new object?[] { "as_of", context.AsOf },
            new object?[] { "client", context.Client ?? "(all)" },
        };
        return new ReportData(GeneralColumns, rows);
    }

    /// <summary>
    /// The descargos (Anexo 24 A 2, materiales utilizados): custody's rows, each with the BOM path it came through and the merma
    /// and desperdicio shares of its quantity by that path's factors (SPEC §3.5: qty_per × (1 + merma% + desperdicio%) along the
    /// path), rounded half away from zero to 6 decimals; empty for a product that discharged itself.
    /// </summary>
    private static ReportData Materials(ReportContext context)
    {
        var custody = CustodyReport.Build(context.Store, context.AsOf, context.Client, new CustodyFilter());
        var at = custody.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var bom = new DossierBom(context);
        var rows = new List<object?[]>();
        foreach (var r in custody.Rows)
        {
            var (client, document, product, component) =
                ((string)r[at["client"]]!, (string)r[at["exit_document"]]!, (string)r[at["product"]]!, (string)r[at["component"]]!);
            var date = (DateOnly)r[at["exit_date"]]!;
            var qty = r[at["qty"]] as decimal? ?? 0m;
            var shares = bom.Shares(client, document, product, component, date);
            rows.Add(
            [
                .. r, bom.Path(client, document, product, component, date),
                shares is { } s ? Math.Round(qty * s.Merma, 6, MidpointRounding.AwayFromZero) : null,
                shares is { } w ? Math.Round(qty * w.Desperdicio, 6, MidpointRounding.AwayFromZero) : null,
            ]);
        }

        return new ReportData(MaterialsColumns, rows);
    }

    /// <summary>
    /// Anexo 24 A 2 (activo fijo): the balances of fixed-asset lots — entered with AF, E2 or A6, or of a part of kind machinery or
    /// tooling (SPEC §3.3).
    /// </summary>
    private static ReportData FixedAssets(ReportData balances)
    {
        var clave = BalancesReport.Columns.Select((c, i) => (c.Name, i)).Single(p => p.Name == "clave").i;
        var kind = BalancesReport.Columns.Select((c, i) => (c.Name, i)).Single(p => p.Name == "kind").i;
        var rows = ((List<object?[]>)balances.Rows)
            .Where(r => PartKinds.TryParse(r[kind] as string, out var k) && ClaveTable.IsFixedAssetLot(r[clave] as string ?? string.Empty, k))
            .ToList();
        return new ReportData(balances.Columns, rows);
    }
}
