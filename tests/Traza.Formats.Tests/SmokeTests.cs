namespace Traza.Formats.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_loads() => typeof(Traza.Formats.AssemblyMarker).Assembly.ShouldNotBeNull();
}
