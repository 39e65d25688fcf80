namespace Traza.Domain.Common;

/// <summary>Either a value or an <see cref="Error"/>; used for expected outcomes such as a bad field.</summary>
public readonly record struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsOk => Error is null;

    public T Value => IsOk ? value! : throw new InvalidOperationException($"No value: {Error!.Message}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(string message) => new(default, new Error(ErrorCodes.InvalidInput, message));

    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);
}
