namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// What the conformance contracts need of one kind of store: its provider, fresh targets, and a way to change a target
/// behind the store's back. One fixture per kind of store (SQLite files today; a PostgreSQL server when its provider lands:
/// targets are then connection strings of fresh databases). A fixture is shared by the tests of one contract class and
/// removes every target it handed out when disposed.
/// </summary>
public interface IStoreFixture : IDisposable
{
    /// <summary>The provider under test.</summary>
    IStoreProvider Provider { get; }

    /// <summary>A target that holds no store yet (a new file path; an empty database), which the provider may create.</summary>
    string NewTarget();

    /// <summary>A target that exists but holds something else than a Traza store (a text file; another application's tables).</summary>
    string NewForeignTarget();

    /// <summary>
    /// Runs one SQL statement on the target on a connection of its own, outside any store: how the chain contracts tamper
    /// with stored rows. The contracts write standard SQL that every store's schema accepts (the table and column names of
    /// the ledger are part of the seam: SPEC §7).
    /// </summary>
    void Execute(string target, string sql);

    /// <summary>What second readers on the main reader's snapshot (<see cref="ITrazaStore.OpenSnapshotSide"/>) the store offers.</summary>
    SnapshotSides SnapshotSides { get; }
}

/// <summary>
/// The second readers a store hands out (<see cref="ITrazaStore.OpenSnapshotSide"/>). Each kind is held by
/// <c>ReadSnapshotContract</c>; the port allows any of them (a caller that gets none reads on the main reader).
/// </summary>
public enum SnapshotSides
{
    /// <summary>Never: the caller reads on the main reader.</summary>
    None,

    /// <summary>
    /// A new reader, handed out while it sees what the mark names — no batch or run committed since (SQLite: a second
    /// connection cannot join another's read transaction).
    /// </summary>
    WhileUnchanged,

    /// <summary>
    /// Pinned to the very snapshot of a mark taken inside a read snapshot, whatever is committed since, as long as that
    /// snapshot is open (PostgreSQL: <c>pg_export_snapshot</c>); outside one, as <see cref="WhileUnchanged"/>.
    /// </summary>
    Pinned,
}
