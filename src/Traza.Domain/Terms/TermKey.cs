using Traza.Domain.Common;
using Traza.Domain.Model;
using Traza.Domain.Values;

namespace Traza.Domain.Terms;

/// <summary>
/// What a term rule is keyed by. The order is the precedence of SPEC §3.7, weakest first: a fracción rule wins over
/// a clave rule, a clave rule over a kind rule.
/// </summary>
public enum TermKeyKind
{
    /// <summary>The part's kind (material, container, machinery …).</summary>
    Kind = 0,

    /// <summary>The lot's entry clave (after a rectification, the rectified clave, SPEC §3.8).</summary>
    Clave = 1,

    /// <summary>The part's 8-digit fracción.</summary>
    Fraccion = 2,
}

/// <summary>The key of a term rule: a part kind, a clave or a fracción (exactly one).</summary>
public readonly record struct TermKey
{
    private readonly string? value;

    private TermKey(TermKeyKind by, string value)
    {
        By = by;
        this.value = value;
    }

    public TermKeyKind By { get; }

    /// <summary>The kind's file name (<c>container</c>), the clave (<c>AF</c>) or the fracción's 8 digits.</summary>
    public string Value => value ?? string.Empty;

    public static TermKey ForKind(PartKind kind) => new(TermKeyKind.Kind, kind.Name());

    public static TermKey ForFraccion(Fraccion fraccion) => new(TermKeyKind.Fraccion, fraccion.Code);

    /// <summary>A clave key; the clave is trimmed and upper-cased. Empty is a programming error.</summary>
    public static TermKey ForClave(string clave)
    {
        var c = (clave ?? string.Empty).Trim().ToUpperInvariant();
        Guard.That(c.Length > 0, "A clave.", nameof(clave));
        return new TermKey(TermKeyKind.Clave, c);
    }

    /// <summary>
    /// The key of a <c>terms</c> row: exactly one of <paramref name="kind"/>, <paramref name="clave"/> and
    /// <paramref name="fraccion"/> non-empty. Never throws.
    /// </summary>
    public static Result<TermKey> Parse(string? kind, string? clave, string? fraccion)
    {
        var k = (kind ?? string.Empty).Trim();
        var c = (clave ?? string.Empty).Trim();
        var f = (fraccion ?? string.Empty).Trim();
        var given = (k.Length > 0 ? 1 : 0) + (c.Length > 0 ? 1 : 0) + (f.Length > 0 ? 1 : 0);
        if (given != 1)
        {
            return Result<TermKey>.Fail("exactly one of kind, clave or fraccion");
        }

        if (k.Length > 0)
        {
            return PartKinds.TryParse(k, out var pk)
                ? ForKind(pk)
                : Result<TermKey>.Fail($"a kind ({string.Join(", ", PartKinds.Names)}), found '{kind}'");
        }

        if (c.Length > 0)
        {
            return c.Length <= 3 && c.All(char.IsAsciiLetterOrDigit)
                ? ForClave(c)
                : Result<TermKey>.Fail($"a clave de pedimento (2 letters or digits), found '{clave}'");
        }

        var parsed = Values.Fraccion.Parse(f);
        return parsed.IsOk ? ForFraccion(parsed.Value) : Result<TermKey>.Fail(parsed.Error!);
    }

    /// <summary><c>kind=container</c>, <c>clave=AF</c>, <c>fraccion=84807101</c>.</summary>
    public override string ToString() => By switch
    {
        TermKeyKind.Kind => "kind=" + Value,
        TermKeyKind.Clave => "clave=" + Value,
        _ => "fraccion=" + Value,
    };
}
