namespace Traza.App.Access;

/// <summary>What an API key may do (docs/api.md "Roles").</summary>
public enum ApiPermission
{
    /// <summary>Reports and drill-downs (every role).</summary>
    Read,

    /// <summary>Imports by upload (operator, admin).</summary>
    Import,

    /// <summary>The access log (admin).</summary>
    ReadAccessLog,
}

/// <summary>
/// The roles of SPEC §5 <c>traza keys create --role</c> and what each may do (docs/api.md): auditor and authority read
/// only; a broker reads (the descargos it transmits, the lots behind them); an operator reads and imports; an admin does
/// everything, the access log included. Every authority request is logged (Annex 24 apartado C).
/// </summary>
public static class ApiRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Broker = "broker";
    public const string Auditor = "auditor";
    public const string Authority = "authority";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Broker, Auditor, Authority];

    public static bool IsRole(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    public static bool May(string role, ApiPermission permission) => permission switch
    {
        ApiPermission.Read => IsRole(role),
        ApiPermission.Import => role is Admin or Operator,
        ApiPermission.ReadAccessLog => role is Admin,
        _ => false,
    };

    /// <summary>Whether every request made with this role is recorded in the access log.</summary>
    public static bool IsLogged(string role) => role is Authority;
}
