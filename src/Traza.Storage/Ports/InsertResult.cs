namespace Traza.Storage;

/// <summary>What happened to one appended row.</summary>
public enum InsertOutcome
{
    /// <summary>The key was new: the row was written.</summary>
    Inserted,

    /// <summary>The key existed with the same content: nothing written (SPEC §4.1).</summary>
    Identical,

    /// <summary>The key existed with other content: a conflict, exit 4 (SPEC §4.1).</summary>
    Conflict,
}

/// <summary>The outcome of an insert; for an existing key, the batch and line that hold it.</summary>
public readonly record struct InsertResult(InsertOutcome Outcome, long ExistingBatchId, long ExistingLine);
