using System.Collections;

namespace Traza.App.Reconciliation;

/// <summary>
/// A sorted set that holds its first element inline and makes a <see cref="SortedSet{T}"/> only for a second distinct one:
/// a ledger partida almost always has one fracción, one origin and one part, and <c>large</c> has 1.5 M partidas
/// (three sorted sets each cost ~1 GB of allocation in reconciliation). Enumerates in the comparer's order, as the
/// sorted set would.
/// </summary>
public sealed class SmallSortedSet<T>(IComparer<T> comparer) : IReadOnlyCollection<T>
{
    private T? single;
    private bool hasSingle;
    private SortedSet<T>? many;

    public int Count => many?.Count ?? (hasSingle ? 1 : 0);

    /// <summary>The least element (default when empty, as <see cref="SortedSet{T}.Min"/>).</summary>
    public T? Min => many is not null ? many.Min : single;

    public bool Add(T item)
    {
        if (many is not null)
        {
            return many.Add(item);
        }

        if (!hasSingle)
        {
            (single, hasSingle) = (item, true);
            return true;
        }

        if (comparer.Compare(single!, item) == 0)
        {
            return false;
        }

        many = new SortedSet<T>(comparer) { single!, item };
        single = default;
        return true;
    }

    /// <summary>As <see cref="SortedSet{T}.SetEquals"/>: the same elements, by the comparer.</summary>
    public bool SetEquals(IEnumerable<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (many is not null)
        {
            return many.SetEquals(other);
        }

        var any = false;
        foreach (var o in other)
        {
            if (!hasSingle || comparer.Compare(single!, o) != 0)
            {
                return false;
            }

            any = true;
        }

        return any == hasSingle;
    }

    public IEnumerator<T> GetEnumerator()
    {
        if (many is not null)
        {
            foreach (var item in many)
            {
                yield return item;
            }
        }
        else if (hasSingle)
        {
            yield return single!;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
