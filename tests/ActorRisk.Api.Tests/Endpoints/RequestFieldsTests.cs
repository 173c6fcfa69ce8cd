using ActorRisk.Api.Endpoints;

namespace ActorRisk.Api.Tests.Endpoints;

public sealed class RequestFieldsTests
{
    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::1", true)]
    [InlineData("12345", false)]
    [InlineData("1", false)]
    [InlineData("10.1", false)]
    [InlineData("999.1.1.1", false)]
    [InlineData("not-an-ip", false)]
    public void IpAddressesMustBeWrittenInFull(string text, bool valid) => Assert.Equal(valid, RequestFields.IsIpAddress(text));
}
