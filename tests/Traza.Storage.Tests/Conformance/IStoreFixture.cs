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

    /// <summary>
    /// Whether the store opens a second reader on the main reader's snapshot (<see cref="ITrazaStore.OpenSnapshotSide"/>):
    /// SQLite does; PostgreSQL returns null for now, which the port allows (the caller reads on the main reader).
    /// </summary>
    bool OffersSnapshotSides => true;
}
