namespace Traza.Domain.Common;

/// <summary>Argument checks for programming errors; business outcomes are <see cref="Result{T}"/> values.</summary>
public static class Guard
{
    public static T NotNull<T>(T? value, string name)
        where T : class => value ?? throw new ArgumentNullException(name);

    public static void That(bool condition, string message, string name)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
