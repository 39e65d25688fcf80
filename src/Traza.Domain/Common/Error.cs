namespace Traza.Domain.Common;

/// <summary>An expected business failure: a stable <see cref="Code"/> and a message for people.</summary>
public sealed record Error(string Code, string Message)
{
    public override string ToString() => Message;
}

/// <summary>Stable error codes, turned into exit codes by the CLI and into ProblemDetails by the API.</summary>
public static class ErrorCodes
{
    public const string InvalidInput = "invalid_input";
    public const string Conflict = "conflict";
    public const string NotFound = "not_found";
    public const string AuditFailure = "audit_failure";
}
