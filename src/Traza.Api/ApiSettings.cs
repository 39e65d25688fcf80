using Traza.Storage;

namespace Traza.Api;

/// <summary>What <c>traza serve</c> serves (docs/api.md): one ledger target, the stores that open it, the clock, the limits.</summary>
public sealed class ApiSettings
{
    /// <summary>Where <c>traza serve</c> listens when <c>--urls</c> is not given: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The largest upload accepted, when <c>--max-upload-mb</c> is not given: 256 MB (a year's Data Stage package).</summary>
    public const long DefaultMaxUploadBytes = 256L * 1024 * 1024;

    /// <summary>The <c>--db</c> target every request opens.</summary>
    public required string Target { get; init; }

    /// <summary>The store providers of the composition root (the CLI's <c>CliContext.Stores</c>).</summary>
    public required StoreProviders Stores { get; init; }

    /// <summary>The injected clock: the default as-of date and the access log's times.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The request body limit (bytes) for uploads; larger requests get 413.</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>Today in the clock's time zone: the default <c>as_of</c>, as the CLI's (SPEC §6).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
}
