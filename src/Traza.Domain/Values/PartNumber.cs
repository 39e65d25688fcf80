using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A part number, unique per client (SPEC §3.2). Trimmed and kept exactly as written otherwise (case and leading
/// zeros are significant: <c>007</c> and <c>7</c> are two parts); compared ordinally. Control characters are
/// refused because they cannot survive the CSV and XLSX layouts.
/// </summary>
public readonly record struct PartNumber : IComparable<PartNumber>
{
    public const int MaxLength = 100;

    private readonly string? value;

    private PartNumber(string value) => this.value = value;

    public string Value => value ?? string.Empty;

    /// <summary>Parses a part number. Never throws.</summary>
    public static Result<PartNumber> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return Result<PartNumber>.Fail("a part number");
        }

        if (t.Length > MaxLength)
        {
            return Result<PartNumber>.Fail($"a part number of at most {MaxLength} characters");
        }

        return Text.HasControl(t)
            ? Result<PartNumber>.Fail("a part number without control characters")
            : new PartNumber(t);
    }

    public int CompareTo(PartNumber other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(PartNumber left, PartNumber right) => left.CompareTo(right) < 0;

    public static bool operator <=(PartNumber left, PartNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >(PartNumber left, PartNumber right) => left.CompareTo(right) > 0;

    public static bool operator >=(PartNumber left, PartNumber right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value;
}

/// <summary>
/// A client of the program (a shelter client, a holding subsidiary). Empty means the program's own rows
/// (SPEC §3.2). Trimmed; compared ordinally.
/// </summary>
public readonly record struct ClientId : IComparable<ClientId>
{
    public const int MaxLength = 100;

    private readonly string? value;

    private ClientId(string value) => this.value = value;

    /// <summary>The program's own rows (the empty <c>client</c> column).</summary>
    public static ClientId Program { get; } = new(string.Empty);

    public string Value => value ?? string.Empty;

    public bool IsProgram => Value.Length == 0;

    /// <summary>Parses a client id; empty or white space gives <see cref="Program"/>. Never throws.</summary>
    public static Result<ClientId> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length > MaxLength)
        {
            return Result<ClientId>.Fail($"a client id of at most {MaxLength} characters");
        }

        return Text.HasControl(t)
            ? Result<ClientId>.Fail("a client id without control characters")
            : new ClientId(t);
    }

    public bool Equals(ClientId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public int CompareTo(ClientId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(ClientId left, ClientId right) => left.CompareTo(right) < 0;

    public static bool operator <=(ClientId left, ClientId right) => left.CompareTo(right) <= 0;

    public static bool operator >(ClientId left, ClientId right) => left.CompareTo(right) > 0;

    public static bool operator >=(ClientId left, ClientId right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value;
}
