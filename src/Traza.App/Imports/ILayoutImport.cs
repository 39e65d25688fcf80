using Traza.Formats.Layouts;

namespace Traza.App.Imports;

/// <summary>
/// One §4.1 layout's import: reads the file's records and appends them through the context's batch, throwing an
/// <see cref="AppException"/> at the first invalid row or conflict (the batch then rolls back: nothing written).
/// Register new layouts in <see cref="ImportService.Layouts"/>.
/// </summary>
public interface ILayoutImport
{
    /// <summary>The layout name, as in <c>traza import NAME FILE</c>.</summary>
    string Layout { get; }

    /// <summary>One line for help.</summary>
    string Description { get; }

    void Run(ImportContext context, IRecordSource source);
}
