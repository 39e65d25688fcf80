namespace Traza.Formats;

/// <summary>Assembly marker.</summary>
public static class AssemblyMarker
{
}
