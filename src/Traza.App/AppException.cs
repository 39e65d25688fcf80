using Traza.Domain.Common;

namespace Traza.App;

/// <summary>Error codes of the App layer beyond <see cref="ErrorCodes"/>.</summary>
public static class AppErrorCodes
{
    /// <summary>The command was used wrongly (exit 2).</summary>
    public const string Usage = "usage";
}

/// <summary>
/// An expected failure of a use case, carrying its <see cref="Error"/>: the CLI turns the code into an exit code
/// (invalid input 3, conflict 4, audit 5, usage 2) and prints the message.
/// </summary>
public sealed class AppException : Exception
{
    public AppException()
        : this(new Error(ErrorCodes.InvalidInput, "invalid input"))
    {
    }

    public AppException(string message)
        : this(new Error(ErrorCodes.InvalidInput, message))
    {
    }

    public AppException(string message, Exception innerException)
        : base(message, innerException) => Error = new Error(ErrorCodes.InvalidInput, message);

    public AppException(Error error)
        : base(error?.Message) => Error = error!;

    public Error Error { get; }

    public static AppException Invalid(string message) => new(new Error(ErrorCodes.InvalidInput, message));

    public static AppException Conflict(string message) => new(new Error(ErrorCodes.Conflict, message));

    public static AppException Usage(string message) => new(new Error(AppErrorCodes.Usage, message));
}
