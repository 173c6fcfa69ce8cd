using ActorRisk.Backup.Tests.Support;
using ActorRisk.Domain.Programs;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>
/// The operator's procedure end to end: a silo in azure mode takes authorizations and merchant records and stops; the
/// command backs its tables up; another, empty account is restored from the set; a silo on that account and on a new
/// read-model database answers as the first one would have: the card still blocked, its counters, a replayed
/// authorization recognised, the merchant's month as it was.
/// </summary>
public sealed class SiloBackupRestoreTests
{
    [Fact]
    public async Task ASiloOnARestoredAccountAnswersAsTheBackedUpOneWould()
    {
        var source = await OrleansTableAccount.StartAsync();
        var setup = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("backup"), AzureStorage = source.ConnectionString };
        var blocked = Pans.NewValid();
        var used = Pans.NewValid();
        var firstId = Auth.NewId();
        var merchantId = MerchantApi.NewMerchantId();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        AuthorizationReply first;
        CardReply blockedBefore, usedBefore;
        MerchantReply merchantBefore;

        await using (var before = new SiloFactory(setup))
        {
            using var gateway = before.Client(TestKeys.Gateway);
            first = await gateway.AuthorizeAsync(Auth.Request(firstId, blocked, 1, merchantId));
            await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), blocked, 1, merchantId));
            var third = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), blocked, 1, merchantId));
            Assert.True(third.CardBlocked);
            await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), used, 12_000, merchantId));

            using var backOffice = before.Client(TestKeys.BackOffice);
            await backOffice.RecordAsync(MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 120, 1_500_000, "USD", cardPresent: false, today));
            await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dispute"), merchantId, CardNetwork.Visa, 4_200, "USD", today, fraud: true, cardToken: first.CardToken));

            using var reader = before.Client();
            blockedBefore = await reader.CardAsync(first.CardToken);
            usedBefore = await reader.CardAsync(setup.Tokenizer().Tokenize(used).Token);
            merchantBefore = await reader.MerchantAsync(merchantId);
        }

        var directory = Maintenance.NewDirectory();
        await Maintenance.SucceedAsync("backup", "--to", directory, "--connection-string", source.ConnectionString);
        var target = await OrleansTableAccount.StartAsync();
        await Maintenance.SucceedAsync("restore", "--from", Maintenance.OnlySet(directory), "--connection-string", target.ConnectionString);

        // The same cluster (service id: the tables' partition keys), on the restored account and a read-model database of its own.
        await using var after = new SiloFactory(setup with { AzureStorage = target.ConnectionString, ConnectionString = await SiloSetup.NewDatabaseAsync("restored") });
        using var client = after.Client(TestKeys.Gateway);
        using var admin = after.Client();

        var blockedAfter = await admin.CardAsync(first.CardToken);
        Assert.True(blockedAfter.Blocked);
        Assert.Equal(blockedBefore.Block!.ReasonCode, blockedAfter.Block!.ReasonCode);
        Assert.Equal(blockedBefore.Block.Until, blockedAfter.Block.Until);
        Assert.Equal(3, blockedAfter.Window("10m").Attempts);
        Assert.Equal(blockedBefore.Window("10m"), blockedAfter.Window("10m"));
        Assert.Equal(usedBefore.Window("24h"), (await admin.CardAsync(usedBefore.CardToken)).Window("24h"));

        var replay = await client.AuthorizeAsync(Auth.Request(firstId, blocked, 1, merchantId));
        Assert.True(replay.Replayed);
        Assert.Equal(first.Decision, replay.Decision);
        Assert.Equal(first.DecidedAt, replay.DecidedAt);
        var fourth = await client.AuthorizeAsync(Auth.Request(Auth.NewId(), blocked, 1, merchantId));
        Assert.Equal("decline", fourth.Decision);

        var merchantAfter = await admin.MerchantAsync(merchantId);
        Assert.Equal(merchantBefore.Month, merchantAfter.Month);
        Assert.Equal(merchantBefore.Totals, merchantAfter.Totals);
        Assert.Equal(120, merchantAfter.Totals.Visa.SalesCount);
        Assert.Equal(1, merchantAfter.Totals.Visa.FraudDisputes);
    }
}
