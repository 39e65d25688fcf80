namespace Traza.Storage;

/// <summary>The outcome of checking the chain: intact, or the first broken batch and why.</summary>
public sealed record ChainCheck(bool Intact, long BatchesChecked, long? BrokenBatchId, string? Reason);

/// <summary>The outcome of checking the stored derived data: intact or not, and a line saying what was found.</summary>
public sealed record DerivedCheck(bool Intact, string Message);
