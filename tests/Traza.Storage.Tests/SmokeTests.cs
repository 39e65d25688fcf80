namespace Traza.Storage.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_loads() => typeof(Traza.Storage.AssemblyMarker).Assembly.ShouldNotBeNull();
}
