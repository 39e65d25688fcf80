namespace Traza.Formats.Government;

/// <summary>
/// Something worth telling about an accepted government file that is not an error — e.g. a pedimento whose
/// 7-digit number starts with another year digit than its validation year (SPEC §3.1), or a member of a package
/// that is not a Data Stage table.
/// </summary>
public sealed record GovernmentNote(string File, long? Line, string Message)
{
    public override string ToString() => Line is { } l ? $"file {File}, line {l}: {Message}" : $"file {File}: {Message}";
}
