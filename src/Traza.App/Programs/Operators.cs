namespace Traza.App.Programs;

/// <summary>
/// Who a batch is recorded as (issue 11 item 7): the <c>--user</c> option, else the <c>TRAZA_USER</c> environment
/// variable, else the operating system's user. The name goes into the batch's chain hash.
/// </summary>
public static class Operators
{
    /// <summary>The longest operator name accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>The environment variable that names the operator when <c>--user</c> is not given.</summary>
    public const string EnvironmentVariable = "TRAZA_USER";

    /// <summary>
    /// The operator: <paramref name="option"/> when given (it must be a valid name, else a usage error), else
    /// <paramref name="environment"/> when it holds a valid name (an empty one is ignored), else <paramref name="osUser"/>.
    /// </summary>
    public static string Resolve(string? option, string? environment, string osUser)
    {
        ArgumentNullException.ThrowIfNull(osUser);
        if (option is not null)
        {
            return Problem(option) is { } problem ? throw AppException.Usage($"option --user: {problem}") : option.Trim();
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return Problem(environment) is { } problem ? throw AppException.Usage($"{EnvironmentVariable}: {problem}") : environment.Trim();
        }

        return osUser;
    }

    /// <summary>What is wrong with an operator name, or null when it is valid.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return "a non-empty user name";
        }

        if (trimmed.Length > MaxLength)
        {
            return $"a user name of at most {MaxLength} characters";
        }

        return trimmed.Any(char.IsControl) ? "a user name without control characters" : null;
    }
}
