namespace Traza.Cli.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_loads() => typeof(Traza.Cli.TrazaCli).Assembly.ShouldNotBeNull();
}
