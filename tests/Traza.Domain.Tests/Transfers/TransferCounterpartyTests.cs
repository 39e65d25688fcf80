using Traza.Domain.Values;

namespace Traza.Domain.Tests.Transfers;

public class TransferCounterpartyTests
{
    [Theory]
    [InlineData("CRE-010203-XY9", CounterpartyKind.Rfc, "CRE010203XY9")]
    [InlineData(" gome800101ab1 ", CounterpartyKind.Rfc, "GOME800101AB1")]
    [InlineData("IMMEX 1234-2006", CounterpartyKind.Immex, "IMMEX 1234-2006")]
    [InlineData("immex  1234-2006", CounterpartyKind.Immex, "IMMEX 1234-2006")]
    [InlineData("123-2006", CounterpartyKind.Immex, "123-2006")]
    [InlineData("2019/9001", CounterpartyKind.Immex, "2019/9001")]
    [InlineData("IMMEX transferee", CounterpartyKind.Other, "IMMEX TRANSFEREE")]
    [InlineData("CRE010299XY9", CounterpartyKind.Other, "CRE010299XY9")] // no 99th day: not an RFC
    [InlineData("1234-", CounterpartyKind.Other, "1234-")]
    [InlineData("", CounterpartyKind.None, "")]
    [InlineData(null, CounterpartyKind.None, "")]
    public void Classify_text_gives_its_kind_and_matching_key(string? text, CounterpartyKind kind, string key) =>
        TransferCounterparty.Classify(text).ShouldBe(new TransferCounterparty(kind, key));

    [Theory]
    [InlineData("V1", true)]
    [InlineData("V5", true)]
    [InlineData("RT", false)]
    [InlineData(null, false)]
    public void IsTransferExit_only_V1_and_V5(string? clave, bool expected) => TransferCounterparty.IsTransferExit(clave).ShouldBe(expected);
}
