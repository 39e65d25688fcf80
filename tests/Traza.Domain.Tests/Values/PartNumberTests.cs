using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class PartNumberTests
{
    [Fact]
    public void Part_number_is_trimmed_and_otherwise_kept()
    {
        PartNumber.Parse("  007-ab/X  ").Value.Value.ShouldBe("007-ab/X");
    }

    [Fact]
    public void Leading_zeros_and_case_make_different_parts()
    {
        PartNumber.Parse("007").Value.ShouldNotBe(PartNumber.Parse("7").Value);
        PartNumber.Parse("abc").Value.ShouldNotBe(PartNumber.Parse("ABC").Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A\u0001B")]
    [InlineData("A\nB")]
    public void Empty_or_control_characters_are_rejected(string? text) => PartNumber.Parse(text).IsOk.ShouldBeFalse();

    [Fact]
    public void Part_number_up_to_max_length_is_accepted_and_longer_rejected()
    {
        PartNumber.Parse(new string('x', PartNumber.MaxLength)).IsOk.ShouldBeTrue();
        PartNumber.Parse(new string('x', PartNumber.MaxLength + 1)).Error!.Message.ShouldContain("at most 100");
    }

    [Fact]
    public void Part_numbers_compare_ordinally() =>
        (PartNumber.Parse("B").Value > PartNumber.Parse("A").Value).ShouldBeTrue();

    [Fact]
    public void Empty_client_is_the_program()
    {
        var client = ClientId.Parse("  ").Value;

        client.IsProgram.ShouldBeTrue();
        client.ShouldBe(ClientId.Program);
        default(ClientId).ShouldBe(ClientId.Program);
        client.ToString().ShouldBe(string.Empty);
    }

    [Fact]
    public void Named_client_is_trimmed()
    {
        var client = ClientId.Parse(" ACME ").Value;

        client.Value.ShouldBe("ACME");
        client.IsProgram.ShouldBeFalse();
    }

    [Fact]
    public void Client_too_long_or_with_control_characters_is_rejected()
    {
        ClientId.Parse(new string('c', ClientId.MaxLength + 1)).IsOk.ShouldBeFalse();
        ClientId.Parse("A\tB").IsOk.ShouldBeFalse();
    }
}
