namespace Traza.App;

/// <summary>Assembly marker.</summary>
public static class AssemblyMarker
{
}
