using System.Globalization;
using Npgsql;

namespace Traza.Storage.Postgres;

/// <summary>
/// A <c>--db</c> target naming a PostgreSQL database (SPEC §5): a <c>postgres://user:password@host:port/database</c> URL
/// (or <c>postgresql://</c>), or an Npgsql keyword string with <c>Host=</c>. <see cref="Display"/> is what messages show:
/// the password is never part of it.
/// </summary>
public sealed class PostgresTarget
{
    private PostgresTarget(NpgsqlConnectionStringBuilder builder, string display)
    {
        ConnectionString = builder.ConnectionString;
        Display = display;
        Database = builder.Database ?? string.Empty;
    }

    /// <summary>The Npgsql connection string (holds the password: never print it).</summary>
    public string ConnectionString { get; }

    /// <summary>The target with its password removed, for messages and <see cref="ITrazaStore.Target"/>.</summary>
    public string Display { get; }

    /// <summary>The database name ('' when the server's default).</summary>
    public string Database { get; }

    /// <summary>True when <paramref name="target"/> names a PostgreSQL database rather than a file.</summary>
    public static bool Accepts(string? target) =>
        target is not null
        && (target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || target.Contains("Host=", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <paramref name="target"/> with Npgsql's automatic preparation (Max Auto Prepare 64, Auto Prepare Min Usages 2) unless it
    /// sets Max Auto Prepare itself; any other target as it is. For <c>traza serve</c>, which runs the same few reads per request:
    /// without it PostgreSQL plans every statement again, twice the server's CPU per lot lookup and a p99 of 68 ms at 200
    /// requests/s instead of 9 ms (docs/benchmarks.md, "API load, quiet").
    /// </summary>
    public static string WithAutoPrepare(string target)
    {
        if (!Accepts(target) || new NpgsqlConnectionStringBuilder(Parse(target).ConnectionString).MaxAutoPrepare > 0)
        {
            return target;
        }

        return target.Contains("://", StringComparison.Ordinal)
            ? target + (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "Max%20Auto%20Prepare=64&Auto%20Prepare%20Min%20Usages=2"
            : target.TrimEnd().TrimEnd(';') + ";Max Auto Prepare=64;Auto Prepare Min Usages=2";
    }

    /// <summary>Parses a URL or keyword target; <see cref="ArgumentException"/> (without the password) when it is malformed.</summary>
    public static PostgresTarget Parse(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return target.Contains("://", StringComparison.Ordinal) ? FromUrl(target) : FromKeywords(target);
    }

    public override string ToString() => Display;

    private static PostgresTarget FromKeywords(string target)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(target);
        }
        catch (ArgumentException)
        {
            // The message could quote the password: say only what is wrong.
            throw new ArgumentException("not a valid PostgreSQL connection string (Host=...;Port=...;Username=...;Database=...)", nameof(target));
        }

        Defaults(builder);
        var shown = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null };
        shown.Remove("Password");
        shown.Remove("Application Name");
        return new PostgresTarget(builder, shown.ConnectionString);
    }

    private static PostgresTarget FromUrl(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri)
            || !(uri.Scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                 || uri.Scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("not a valid PostgreSQL URL (postgres://user:password@host:port/database)", nameof(target));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        string? user = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            builder.Username = user;
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try
            {
                builder[key] = value;
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"PostgreSQL URL: unknown parameter '{key}'", nameof(target));
            }
        }

        Defaults(builder);
        var display = string.Create(CultureInfo.InvariantCulture,
            $"{uri.Scheme}://{(user is null ? string.Empty : Uri.EscapeDataString(user) + "@")}{uri.Host}{(uri.IsDefaultPort || uri.Port <= 0 ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture))}/{Uri.EscapeDataString(database)}");
        return new PostgresTarget(builder, display);
    }

    /// <summary>Settings every Traza connection shares, unless the target sets them.</summary>
    private static void Defaults(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "traza";
        }
    }
}
