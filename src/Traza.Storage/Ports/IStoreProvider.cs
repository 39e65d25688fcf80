using System.Data.Common;

namespace Traza.Storage;

/// <summary>
/// A kind of store (SQLite, PostgreSQL) as the command line and the service open it from a <c>--db</c> target
/// (SPEC §5). The composition root lists the providers; App sees only <see cref="ITrazaStore"/>.
/// </summary>
public interface IStoreProvider
{
    /// <summary>The provider's name in messages: "SQLite", "PostgreSQL".</summary>
    string Name { get; }

    /// <summary>True when <paramref name="target"/> is this provider's (a file path, a postgres:// URL …).</summary>
    bool Accepts(string target);

    /// <summary>Opens the store, creating and migrating its schema as needed.</summary>
    ITrazaStore Open(string target, TimeProvider clock);

    /// <summary>
    /// What created the store (the marker of <see cref="ITrazaStore.SetCreatedBy"/>), read without changing it; null when
    /// the target holds no store, or one without a marker. Throws <see cref="NotATrazaStoreException"/> when the
    /// target exists and is not a store at all.
    /// </summary>
    string? CreatedBy(string target);

    /// <summary>True when the target holds data (a file, a database with a Traza schema).</summary>
    bool Exists(string target);

    /// <summary>Removes everything the store holds (the demo's replace); the target must have been created by Traza.</summary>
    void Delete(string target);

    /// <summary>What a driver error means for the user, or <see cref="StoreFailure.Other"/>.</summary>
    StoreFailure Classify(DbException error);

    /// <summary>
    /// True when targets are files on this machine (SQLite): the demo then writes its input files beside the database and
    /// may show the target as given. False for a server's database, whose target may hold a password.
    /// </summary>
    bool TargetsAreFiles => true;

    /// <summary>
    /// A short name of the target for what is made beside it: the file name without extension, or a server database's name
    /// (the demo writes a server target's input files to <c>traza-demo-NAME</c> in the current folder, so demos into two
    /// databases never write the same files).
    /// </summary>
    string TargetName(string target) => Path.GetFileNameWithoutExtension(target);
}

/// <summary>What a store's driver error means (exit codes: busy 4, not a store 3).</summary>
public enum StoreFailure
{
    Other,

    /// <summary>Another process holds the ledger (locked, busy).</summary>
    Busy,

    /// <summary>The target is not a Traza store (not a database, or another application's).</summary>
    NotAStore,

    /// <summary>The server cannot be reached or refused the credentials.</summary>
    Unreachable,
}

/// <summary>The target exists but is not a Traza store; nothing was written.</summary>
public sealed class NotATrazaStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The store was migrated by a newer Traza: this one does not know its schema and writes nothing (the PostgreSQL store
/// checks it on open; SQLite files carry no such check yet).
/// </summary>
public sealed class NewerSchemaException(string message) : Exception(message);

/// <summary>The providers a program knows, in order; the first that accepts a target opens it.</summary>
public sealed class StoreProviders(IReadOnlyList<IStoreProvider> providers)
{
    public IReadOnlyList<IStoreProvider> All { get; } = providers ?? throw new ArgumentNullException(nameof(providers));

    /// <summary>The provider for <paramref name="target"/>; the last one (the file store) takes whatever no other does.</summary>
    public IStoreProvider For(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var p in All)
        {
            if (p.Accepts(target))
            {
                return p;
            }
        }

        throw new ArgumentException($"no store accepts the target '{target}'", nameof(target));
    }

    /// <summary>What a driver error means, asked of every provider.</summary>
    public StoreFailure Classify(DbException error)
    {
        foreach (var p in All)
        {
            if (p.Classify(error) is var failure and not StoreFailure.Other)
            {
                return failure;
            }
        }

        return StoreFailure.Other;
    }
}
