using ActorRisk.Api.Endpoints;
using ActorRisk.Domain.Programs;
using ActorRisk.ReadModels.Merchants;

namespace ActorRisk.Api.Tests.Endpoints;

/// <summary>Enum members by the names the API writes and the portal puts in its links: one member, never a number or a list.</summary>
public sealed class EnumNamesTests
{
    [Theory]
    [InlineData("lastClosed", true)]
    [InlineData("LASTCLOSED", true)]
    [InlineData("1", false)]
    [InlineData("risk,fines", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OneMemberIsReadByItsNameIgnoringCase(string? text, bool found) =>
        Assert.Equal(found, EnumNames.TryParse<MerchantSort>(text, out _));

    [Fact]
    public void AMemberIsWrittenInCamelCaseAndReadBack()
    {
        Assert.Equal("lastClosed", MerchantSort.LastClosed.Name());
        Assert.Equal("mastercard", CardNetwork.Mastercard.Name());
        Assert.True(EnumNames.TryParse<MerchantSort>(MerchantSort.MerchantId.Name(), out var sort));
        Assert.Equal(MerchantSort.MerchantId, sort);
    }
}
