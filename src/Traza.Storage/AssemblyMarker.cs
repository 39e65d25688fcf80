namespace Traza.Storage;

/// <summary>Assembly marker.</summary>
public static class AssemblyMarker
{
}
