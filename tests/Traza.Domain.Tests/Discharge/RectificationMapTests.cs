using CsCheck;
using Traza.Domain.Discharge;

namespace Traza.Domain.Tests.Discharge;

/// <summary>
/// SPEC §3.8 rectifications as <see cref="RectificationMap"/> applies them, over random ledgers of chains, forks, cycles,
/// originals the ledger lacks and rectifications dated after the as-of date (issue 13 item 3).
/// </summary>
public sealed class RectificationMapTests
{
    private static readonly DateOnly Day0 = new(2025, 1, 1);

    /// <summary>Pedimento n of a small ledger (the first <c>held</c> have rows of their own that are no rectification).</summary>
    private static string Number(int n) => $"2550345650{n:00000}";

    private static readonly Gen<(List<RectificationDef> Defs, HashSet<string> Plain, DateOnly AsOf)> Ledgers =
        Gen.Select(Gen.Int[0, 6], Gen.Select(Gen.Int[0, 14], Gen.Int[0, 14], Gen.Int[0, 300]).List[0, 10], Gen.Int[0, 320])
            .Select((held, links, asOf) =>
            {
                // Pedimentos 0..held-1 are plain (rows of their own, dated day n); a link (p, o, d) makes pedimento held+p a
                // rectification of o dated day d (the first link of a number wins).
                var plain = Enumerable.Range(0, held).Select(Number).ToHashSet();
                var defs = new List<RectificationDef>();
                var dates = Enumerable.Range(0, held).ToDictionary(Number, n => Day0.AddDays(n));
                foreach (var (p, o, d) in links)
                {
                    var pedimento = Number(held + p);
                    if (plain.Contains(pedimento) || defs.Any(r => r.Pedimento == pedimento))
                    {
                        continue;
                    }

                    dates[pedimento] = Day0.AddDays(d);
                }

                foreach (var (p, o, d) in links)
                {
                    var pedimento = Number(held + p);
                    if (defs.Any(r => r.Pedimento == pedimento))
                    {
                        continue;
                    }

                    var original = Number(o);
                    defs.Add(new RectificationDef("c", pedimento, original, dates[pedimento],
                        dates.TryGetValue(original, out var od) ? od : null));
                }

                return (defs, plain, Day0.AddDays(asOf));
            });

    [Fact]
    public void Map_counts_each_row_once_under_one_number()
    {
        Ledgers.Sample(ledger =>
        {
            var (defs, plain, asOf) = ledger;
            var map = RectificationMap.Build(defs, asOf);
            var numbers = plain.Concat(defs.Select(d => d.Pedimento)).Distinct().ToList();
            var roots = new HashSet<string>();
            foreach (var number in numbers)
            {
                var role = map.RoleOf("c", number);
                var def = defs.FirstOrDefault(d => d.Pedimento == number);
                if (def.Pedimento is not null && def.Date > asOf)
                {
                    role.ShouldBe(RectifiedRole.Skipped, "a rectification dated after the as-of does not count yet");
                }

                if (role == RectifiedRole.Rebased)
                {
                    var (root, date) = map.Root("c", number);
                    def.Date.ShouldBeLessThanOrEqualTo(asOf);
                    map.RoleOf("c", def.Original).ShouldBe(RectifiedRole.Skipped, "the original no longer counts");
                    roots.Add(root).ShouldBeTrue("two rectifications count under one number: two lots of one key");
                    map.RoleOf("c", root).ShouldBe(RectifiedRole.Skipped, "the root's own rows no longer count");
                    map.RectificationOf("c", root).ShouldBe(number);
                    var rootDef = defs.FirstOrDefault(d => d.Pedimento == root);
                    date.ShouldBe(plain.Contains(root) ? Day0.AddDays(int.Parse(root[^5..], System.Globalization.CultureInfo.InvariantCulture)) : rootDef.Date);
                }
            }

            // A rebased number's root never also counts as itself.
            foreach (var root in roots)
            {
                map.RoleOf("c", root).ShouldNotBe(RectifiedRole.AsIs);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Map_without_rectifications_counts_everything_as_it_is()
    {
        var map = RectificationMap.Build([], Day0);
        map.IsEmpty.ShouldBeTrue();
        map.RoleOf("c", Number(1)).ShouldBe(RectifiedRole.AsIs);
    }

    [Fact]
    public void Map_of_two_rectifications_of_one_pedimento_takes_the_later()
    {
        var map = RectificationMap.Build(
        [
            new("c", Number(2), Number(1), Day0.AddDays(10), Day0),
            new("c", Number(3), Number(1), Day0.AddDays(5), Day0),
        ], Day0.AddDays(20));
        map.RoleOf("c", Number(2)).ShouldBe(RectifiedRole.Rebased);
        map.RoleOf("c", Number(3)).ShouldBe(RectifiedRole.Skipped);
        map.Root("c", Number(2)).ShouldBe((Number(1), Day0));
    }

    [Fact]
    public void Map_of_a_rectification_whose_original_the_ledger_lacks_counts_it_as_itself()
    {
        var map = RectificationMap.Build([new("c", Number(2), Number(1), Day0.AddDays(10), null)], Day0.AddDays(20));
        map.RoleOf("c", Number(2)).ShouldBe(RectifiedRole.AsIs);
        map.RoleOf("c", Number(1)).ShouldBe(RectifiedRole.AsIs);
    }

    [Fact]
    public void Map_of_a_cycle_counts_its_rows_as_they_are()
    {
        var map = RectificationMap.Build(
        [
            new("c", Number(2), Number(1), Day0.AddDays(10), Day0.AddDays(11)),
            new("c", Number(1), Number(2), Day0.AddDays(11), Day0.AddDays(10)),
        ], Day0.AddDays(20));
        map.RoleOf("c", Number(1)).ShouldNotBe(RectifiedRole.Rebased);
        map.RoleOf("c", Number(2)).ShouldNotBe(RectifiedRole.Rebased);
    }
}
