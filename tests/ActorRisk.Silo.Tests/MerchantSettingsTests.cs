namespace ActorRisk.Silo.Tests;

/// <summary>Merchant settings the grains cannot work with stop the host at start, naming the key at fault.</summary>
public sealed class MerchantSettingsTests
{
    [Theory]
    [InlineData("MonthCloseGrace", "-1.00:00:00")]
    [InlineData("MonthCloseGrace", "91.00:00:00")]
    [InlineData("CardTestingDistinctCards", "1")]
    [InlineData("CardTestingWindow", "00:00:00")]
    [InlineData("CardTestingLockdown", "-01:00:00")]
    public async Task AnOutOfRangeSettingStopsTheHostAndNamesIt(string name, string value)
    {
        var key = $"ActorRisk:Merchants:{name}";
        await using var silo = new SiloFactory(new SiloSetup { Extra = new Dictionary<string, string> { [key] = value } });

        var error = Assert.ThrowsAny<Exception>(() => silo.CreateClient());
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains(key, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGraceOfZeroIsAccepted()
    {
        await using var silo = new SiloFactory(new SiloSetup { Extra = new Dictionary<string, string> { ["ActorRisk:Merchants:MonthCloseGrace"] = "00:00:00" } });
        using var client = silo.Client();
        using var health = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
