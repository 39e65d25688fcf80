using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.Bench.Kernels;

/// <summary>
/// An in-memory ledger for the kernel benchmarks, built in code (no files, no database): 2,000 parts of which 200
/// finished goods with 25-leaf BOMs (a quarter of them through a subassembly), 50,000 lots and 20,000 exits dated in
/// 2025, so one full discharge makes exactly 500,000 consumptions. Deterministic for a given seed.
/// </summary>
public static class SyntheticLedger
{
    public const int Parts = 2_000;
    public const int Products = 200;
    public const int Subassemblies = 50;
    public const int LeavesPerProduct = 25;
    public const int Lots = 50_000;
    public const int Exits = 20_000;

    /// <summary>Every exit's product explodes to 25 distinct imported leaves, each with a non-zero need.</summary>
    public const int Consumptions = Exits * LeavesPerProduct;

    private const int Materials = Parts - Products - Subassemblies;
    private static readonly DateOnly Start = new(2025, 1, 1);

    public static DischargeInput Build(int seed = 42)
    {
        var rng = new Random(seed);
        var parts = new List<PartDef>(Parts);
        for (var m = 0; m < Materials; m++)
        {
            parts.Add(new PartDef(string.Empty, $"M{m:00000}", PartKind.Material, false));
        }

        var firstSub = parts.Count;
        for (var s = 0; s < Subassemblies; s++)
        {
            parts.Add(new PartDef(string.Empty, $"SA{s:0000}", PartKind.Material, false));
        }

        var firstProduct = parts.Count;
        for (var p = 0; p < Products; p++)
        {
            parts.Add(new PartDef(string.Empty, $"FG{p:0000}", PartKind.Finished, false));
        }

        var bom = new List<BomLine>();
        var from = new DateOnly(2024, 1, 1);
        for (var p = 0; p < Products; p++)
        {
            // 25 distinct materials (71·k mod 1,750 is distinct for k < 25); every fourth product takes its last five
            // leaves through a subassembly of its own set, so the explosion multiplies two levels out.
            var product = firstProduct + p;
            var viaSub = p % 4 == 0 ? firstSub + (p / 4) : -1;
            for (var k = 0; k < LeavesPerProduct; k++)
            {
                var leaf = ((p * 7) + (k * 71)) % Materials;
                var qtyPer = 0.25m * (1 + ((p + k) % 8));
                var merma = k % 3 == 0 ? 1.5m : 0m;
                var desperdicio = k % 5 == 0 ? 2m : 0m;
                if (viaSub >= 0 && k >= LeavesPerProduct - 5)
                {
                    bom.Add(new BomLine(viaSub, leaf, qtyPer, merma, desperdicio, from, null));
                }
                else
                {
                    bom.Add(new BomLine(product, leaf, qtyPer, merma, desperdicio, from, null));
                }
            }

            if (viaSub >= 0)
            {
                bom.Add(new BomLine(product, viaSub, 2m, 0m, 0m, from, null));
            }
        }

        var lots = new List<LotDef>(Lots);
        for (var i = 0; i < Lots; i++)
        {
            // Skewed usage: low-numbered materials get more lots.
            var material = (int)(Materials * Math.Pow(rng.NextDouble(), 1.5));
            var day = Start.AddDays(rng.Next(0, 330));
            lots.Add(new LotDef(material, Pedimento(1 + (i / 8)), 1 + (i % 8), day, rng.Next(200, 4_000), false, false));
        }

        var movements = new List<MovementDef>(Exits);
        for (var e = 0; e < Exits; e++)
        {
            movements.Add(new MovementDef
            {
                Kind = MovementKind.Exit,
                Date = Start.AddDays(20 + rng.Next(0, 345)),
                Document = Pedimento(500_000 + (e / 5)),
                Partida = 1 + (e % 5),
                Sequence = e,
                Part = firstProduct + (int)(Products * Math.Pow(rng.NextDouble(), 1.3)),
                Qty = rng.Next(1, 40),
                Mode = DischargeMode.AllLots,
            });
        }

        return new DischargeInput { Parts = parts, Bom = bom, Lots = lots, Movements = movements, AsOf = new DateOnly(2025, 12, 31) };
    }

    /// <summary>A 15-digit pedimento: year 25, aduana 30, patente 1695, then the number.</summary>
    private static string Pedimento(int number) => $"25301695{number:0000000}";
}
