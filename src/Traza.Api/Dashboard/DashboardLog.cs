using Microsoft.Extensions.Logging;

namespace Traza.Api.Dashboard;

/// <summary>The dashboard's log events (STYLE: source-generated, stable ids). None carries a key: only its id.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 1650, Level = LogLevel.Information, Message = "dashboard: key {KeyId} ({Role}) signed in")]
    public static partial void SignedIn(ILogger logger, long keyId, string role);

    [LoggerMessage(EventId = 1651, Level = LogLevel.Warning, Message = "dashboard sign-in refused: unknown or revoked key")]
    public static partial void SignInRefused(ILogger logger);
}
