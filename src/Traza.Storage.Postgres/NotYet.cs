namespace Traza.Storage.Postgres;

/// <summary>The message of what the PostgreSQL store does not do yet (docs/architecture.md, "PostgreSQL store").</summary>
internal static class NotYet
{
    public static NotSupportedException Exception(string what) =>
        new($"{what} is not implemented on PostgreSQL yet: use a SQLite file with --db for it");
}
