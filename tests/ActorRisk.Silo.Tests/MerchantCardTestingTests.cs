using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorRisk.Silo.Tests;

/// <summary>Card testing seen from the merchant: many distinct cards with small authorizations raise an alert and tighten the merchant's card policy.</summary>
public sealed class MerchantCardTestingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ManyDistinctCardsWithSmallAuthorizationsLockTheMerchantDownAndRaiseOneAlert()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var gateway = silo.Client(TestKeys.Gateway);
        using var admin = silo.Client(TestKeys.Admin);
        var merchant = $"m-attacked-{Guid.NewGuid():N}";

        var before = await gateway.AuthorizeAsync(SmallWithoutCvc(merchant, Auth.NewToken()));
        Assert.Equal("challenge", before.Decision);
        for (var i = 0; i < 11; i++)
        {
            await gateway.AuthorizeAsync(SmallWithoutCvc(merchant, Auth.NewToken()));
        }

        var view = await EventuallyAsync(admin, merchant, v => v.GetProperty("cardTesting").GetProperty("lockedDown").GetBoolean());
        var cardTesting = view.GetProperty("cardTesting");
        Assert.Equal(12, cardTesting.GetProperty("distinctCardsInWindow").GetInt32());
        Assert.Equal(clock.Now.AddHours(24), cardTesting.GetProperty("lockdownUntil").GetDateTimeOffset());
        var visa = view.GetProperty("totals").GetProperty("visa");
        Assert.Equal(12, visa.GetProperty("authorizations").GetInt64());
        Assert.Equal(12, visa.GetProperty("enumeratedAuthorizations").GetInt64());

        var after = await gateway.AuthorizeAsync(SmallWithoutCvc(merchant, Auth.NewToken()));
        Assert.Equal("decline", after.Decision);
        Assert.Contains("small_auth_without_cvc", after.Codes);

        var elsewhere = await gateway.AuthorizeAsync(SmallWithoutCvc($"m-quiet-{Guid.NewGuid():N}", Auth.NewToken()));
        Assert.Equal("challenge", elsewhere.Decision);

        await EventuallyAsync(admin, merchant, v => v.GetProperty("totals").GetProperty("visa").GetProperty("authorizations").GetInt64() == 13);
        var alerts = (await admin.GetReplyAsync($"/v1/alerts?merchantId={merchant}")).Json().EnumerateArray().ToList();
        var alert = Assert.Single(alerts, a => a.GetProperty("kind").GetString() == "cardTesting");
        Assert.Contains("12 distinct cards", alert.GetProperty("message").GetString(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(25));
        var lifted = await gateway.AuthorizeAsync(SmallWithoutCvc(merchant, Auth.NewToken()));
        Assert.Equal("challenge", lifted.Decision);
    }

    [Fact]
    public async Task NineDistinctCardsEvenWithOneRepeatingDoNotLockTheMerchant()
    {
        await using var silo = new SiloFactory(new SiloSetup { Clock = new ManualClock() });
        using var gateway = silo.Client(TestKeys.Gateway);
        using var admin = silo.Client(TestKeys.Admin);
        var merchant = $"m-normal-{Guid.NewGuid():N}";
        var repeating = Auth.NewToken();
        for (var i = 0; i < 8; i++)
        {
            await gateway.AuthorizeAsync(SmallWithoutCvc(merchant, Auth.NewToken()));
            await gateway.AuthorizeAsync(SmallWithoutCvc(merchant, repeating));
        }

        var view = await EventuallyAsync(admin, merchant, v => v.GetProperty("totals").GetProperty("mastercard").GetProperty("authorizations").GetInt64() == 16);
        Assert.Equal(9, view.GetProperty("cardTesting").GetProperty("distinctCardsInWindow").GetInt32());
        Assert.False(view.GetProperty("cardTesting").GetProperty("lockedDown").GetBoolean());
    }

    private static JsonObject SmallWithoutCvc(string merchant, string card)
    {
        var request = Auth.Request(Auth.NewId(), card, 1, merchant);
        request["currency"] = "JPY";
        request["cardPresent"] = false;
        request["cvcProvided"] = false;
        request["network"] = merchant.StartsWith("m-normal", StringComparison.Ordinal) ? "mastercard" : "visa";
        return request;
    }

    private static async Task<JsonElement> EventuallyAsync(HttpClient client, string merchant, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var reply = await client.GetReplyAsync($"/v1/merchants/{merchant}");
            if (reply.Status == HttpStatusCode.OK && done(reply.Json()))
            {
                return reply.Json();
            }

            Assert.True(DateTime.UtcNow < deadline, $"Merchant {merchant} did not get there in {Patience}: {reply}");
            await Task.Delay(100);
        }
    }
}
