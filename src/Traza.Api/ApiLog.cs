using Microsoft.Extensions.Logging;

namespace Traza.Api;

/// <summary>The API's log events (STYLE: source-generated, stable ids). None carries a key: only its id.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "traza serve: {Target} at {Urls}")]
    public static partial void Serving(ILogger logger, string target, string urls);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "{Method} {Path} by key {KeyId} ({Role}) -> {Status}, {Rows} rows")]
    public static partial void Served(ILogger logger, string method, string path, long keyId, string role, int status, long rows);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "API key refused: {Reason}")]
    public static partial void KeyRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "{Method} {Path} answered {Status}: {Detail}")]
    public static partial void Refused(ILogger logger, string method, string path, int status, string detail);
}
