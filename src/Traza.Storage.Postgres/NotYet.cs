namespace Traza.Storage.Postgres;

/// <summary>
/// What the PostgreSQL store does not do yet (docs/architecture.md, "PostgreSQL store"): thrown before anything is written;
/// the command line answers it as a usage error (exit 2), as it refused every PostgreSQL target before.
/// </summary>
public sealed class PostgresNotSupportedException(string message) : NotSupportedException(message);

/// <summary>The message of <see cref="PostgresNotSupportedException"/>.</summary>
internal static class NotYet
{
    public static PostgresNotSupportedException Exception(string what) =>
        new($"{what} is not implemented on PostgreSQL yet: use a SQLite file with --db for it");
}
