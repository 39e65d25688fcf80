using CsCheck;
using Traza.App.Reconciliation;

namespace Traza.Cli.Tests.Reconciliation;

/// <summary>The ledger partida's small set (one element inline) behaves as the <see cref="SortedSet{T}"/> it stands for.</summary>
public sealed class SmallSortedSetTests
{
    [Fact]
    public void Small_sorted_set_answers_as_a_sorted_set() =>
        Gen.Select(Gen.String["abc"].List[0, 6], Gen.String["abc"].List[0, 3]).Sample((added, other) =>
        {
            var small = new SmallSortedSet<string>(StringComparer.Ordinal);
            var plain = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var item in added)
            {
                small.Add(item).ShouldBe(plain.Add(item));
                small.Count.ShouldBe(plain.Count);
            }

            small.ToList().ShouldBe(plain.ToList());
            small.Min.ShouldBe(plain.Min);
            small.SetEquals(other).ShouldBe(plain.SetEquals(other));
            small.SetEquals(plain).ShouldBeTrue();
            string.Join(';', small).ShouldBe(string.Join(';', plain));
        }, iter: 2000);
}
