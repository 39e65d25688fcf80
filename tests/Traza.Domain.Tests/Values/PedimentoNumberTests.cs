using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class PedimentoNumberTests
{
    [Fact]
    public void Parse_spaced_form_gives_15_digits()
    {
        var result = PedimentoNumber.Parse("24  47  3420  4001234");

        result.IsOk.ShouldBeTrue();
        result.Value.Digits15.ShouldBe("244734204001234");
        result.Value.Aduana.ShouldBe("47");
    }
}
