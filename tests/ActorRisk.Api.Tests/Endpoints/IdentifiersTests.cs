using ActorRisk.Api.Endpoints;

namespace ActorRisk.Api.Tests.Endpoints;

/// <summary>Ids as the API and the portal's forms take them.</summary>
public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("m-1.shop_2:a", 64, true)]
    [InlineData("m 1", 64, false)]
    [InlineData("", 64, false)]
    [InlineData("abcde", 4, false)]
    public void IdsAreLettersDigitsAndAFewMarks(string text, int maxLength, bool valid) =>
        Assert.Equal(valid, Identifiers.IsValid(text, maxLength));
}
