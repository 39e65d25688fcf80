using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>A part number, unique per client (SPEC §3.2). Trimmed; compared ordinally.</summary>
public readonly record struct PartNumber
{
    public const int MaxLength = 100;

    private PartNumber(string value) => Value = value;

    public string Value { get; }

    public static Result<PartNumber> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return Result<PartNumber>.Fail("a part number");
        }

        return t.Length > MaxLength
            ? Result<PartNumber>.Fail($"a part number of at most {MaxLength} characters")
            : new PartNumber(t);
    }

    public override string ToString() => Value;
}

/// <summary>
/// A client of the program (a shelter client, a holding subsidiary). Empty means the program's own rows (SPEC §3.2).
/// </summary>
public readonly record struct ClientId
{
    public const int MaxLength = 100;

    private ClientId(string value) => Value = value;

    public static ClientId Program { get; } = new(string.Empty);

    public string Value => field ?? string.Empty;

    public bool IsProgram => Value.Length == 0;

    public static Result<ClientId> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return t.Length > MaxLength
            ? Result<ClientId>.Fail($"a client id of at most {MaxLength} characters")
            : new ClientId(t);
    }

    public override string ToString() => Value;
}
