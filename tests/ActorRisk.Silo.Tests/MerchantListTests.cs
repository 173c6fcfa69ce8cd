using System.Text.Json;
using System.Text.Json.Nodes;
using ActorRisk.ReadModels.Merchants;

namespace ActorRisk.Silo.Tests;

/// <summary>Lists of merchants by risk, from their persisted summaries: order, filters by program and status, paging.</summary>
public sealed class MerchantListTests
{
    public static TheoryData<string> Storages => ["memory", "postgres"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task MerchantsAreListedRiskiestFirstAndFilteredByProgramStatus(string storage)
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 2, 10, 12, 0, 0, TimeSpan.Zero));
        var connectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("merchantlist") : null;
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock, ConnectionString = connectionString });
        using var admin = silo.Client(TestKeys.Admin);
        var run = Guid.NewGuid().ToString("N")[..8];
        string Id(string name) => $"list-{run}-{name}";

        // February: "enrolled" goes over VDMP and is in the program once February closes.
        await MonthAsync(admin, Id("enrolled"), "2024-02-05", disputes: 150);
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/v1/months/2024-02/close", null)).StatusCode);

        // March, day 10: over, approaching, quiet.
        await MonthAsync(admin, Id("over"), "2024-03-05", disputes: 150);
        await MonthAsync(admin, Id("approaching"), "2024-03-05", disputes: 100);
        await MonthAsync(admin, Id("quiet"), "2024-03-05", disputes: 40);

        var all = await ListAsync(admin, $"?pageSize=200");
        var ours = all.Where(i => i.StartsWith($"list-{run}-", StringComparison.Ordinal)).ToList();
        Assert.Equal([Id("enrolled"), Id("over"), Id("approaching"), Id("quiet")], ours);

        Assert.Equal([Id("enrolled")], await ListAsync(admin, "?program=VDMP&status=enforcement"));
        Assert.Equal([Id("enrolled")], await ListAsync(admin, "?status=enforcement"));

        var page = (await admin.GetReplyAsync("/v1/merchants?pageSize=2&page=2")).Json();
        Assert.Equal(4, page.GetProperty("total").GetInt64());
        Assert.Equal([Id("approaching"), Id("quiet")], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("merchantId").GetString()!));
        var over = (await admin.GetReplyAsync("/v1/merchants?pageSize=2")).Json().GetProperty("items")[1];
        var vdmp = over.GetProperty("programs").EnumerateArray().Single(p => p.GetProperty("program").GetString() == "VDMP");
        Assert.Equal("over", vdmp.GetProperty("warning").GetString());
        Assert.InRange(vdmp.GetProperty("projectedRatio").GetDecimal(), 0.0124m, 0.0126m);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task MerchantsAreSearchedByIdPrefixAndSortedByEachOrder(string storage)
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 2, 10, 12, 0, 0, TimeSpan.Zero));
        var connectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("merchantsearch") : null;
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock, ConnectionString = connectionString });
        using var admin = silo.Client(TestKeys.Admin);
        var run = Guid.NewGuid().ToString("N")[..8];
        var prefix = $"srch-{run}-";

        // The upper-case id is enrolled in VDMP at February's close; the others start in March, each at its own risk.
        var big = $"Srch-{run}-Big_1";
        await MonthAsync(admin, big, "2024-02-05", disputes: 150);
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/v1/months/2024-02/close", null)).StatusCode);
        var underscore = prefix + "a_b";
        var letter = prefix + "axb";
        var last = prefix + "c";
        await MonthAsync(admin, underscore, "2024-03-05", disputes: 40);
        await MonthAsync(admin, letter, "2024-03-05", disputes: 100);
        await MonthAsync(admin, last, "2024-03-05", disputes: 150);
        await MonthAsync(admin, $"other-{run}", "2024-03-05", disputes: 150);

        // Case-insensitive, trimmed, and combined with the program filters.
        Assert.Equal([big, last, letter, underscore], await ListAsync(admin, $"?q={prefix.ToUpperInvariant()}"));
        Assert.Equal([letter, underscore], await ListAsync(admin, $"?q=%20{prefix}a%20"));
        Assert.Equal([big], await ListAsync(admin, $"?q={prefix}&status=enforcement"));
        Assert.Equal([$"other-{run}"], await ListAsync(admin, $"?q=OTHER-{run}"));
        Assert.Empty(await ListAsync(admin, $"?q={prefix}zz"));

        // LIKE's wildcards in the text match themselves: "_" is one of the id characters, "%" reaches only the directory.
        Assert.Equal([underscore], await ListAsync(admin, $"?q={prefix}a_"));
        var directory = silo.Service<IMerchantDirectory>();
        Assert.Equal(0, (await directory.ListAsync(new MerchantQuery(null, null, 1, 50, prefix + "%"), CancellationToken.None)).Total);
        Assert.Equal(0, (await directory.ListAsync(new MerchantQuery(null, null, 1, 50, prefix + "_xb"), CancellationToken.None)).Total);
        Assert.Equal(0, (await directory.ListAsync(new MerchantQuery(null, null, 1, 50, "srch\\"), CancellationToken.None)).Total);
        Assert.Equal(5, (await directory.ListAsync(new MerchantQuery(null, null, 1, 50, "  "), CancellationToken.None)).Total);

        // Every order, ties by merchant id: only the enrolled merchant has a closed month and fines.
        Assert.Equal([big, last, letter, underscore], await ListAsync(admin, $"?q={prefix}&sort=risk"));
        Assert.Equal([underscore, letter, big, last], await ListAsync(admin, $"?q={prefix}&sort=merchantId"));
        Assert.Equal([underscore, letter, big, last], await ListAsync(admin, $"?q={prefix}&sort=MERCHANTID"));
        Assert.Equal([big, underscore, letter, last], await ListAsync(admin, $"?q={prefix}&sort=lastClosed"));
        var byFines = (await admin.GetReplyAsync($"/v1/merchants?q={prefix}&sort=fines")).Json().GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([big, underscore, letter, last], byFines.Select(i => i.GetProperty("merchantId").GetString()!));
        var fines = byFines.Select(i => i.GetProperty("finesToDateUsd").GetProperty("amount").GetInt64()).ToList();
        Assert.Equal(fines.OrderDescending(), fines);

        // Pages of a search keep its total and order.
        var page = (await admin.GetReplyAsync($"/v1/merchants?q={prefix}&sort=merchantId&pageSize=3&page=2")).Json();
        Assert.Equal(4, page.GetProperty("total").GetInt64());
        Assert.Equal([last], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("merchantId").GetString()!));
        Assert.Equal([underscore, letter], await ListAsync(admin, $"?q={prefix}&sort=merchantId&pageSize=2"));
    }

    [Theory]
    [InlineData("?q=a%25b", "q")]
    [InlineData("?q=a%20b", "q")]
    [InlineData("?q=a/b", "q")]
    [InlineData("?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "q")]
    [InlineData("?sort=price", "sort")]
    [InlineData("?sort=1", "sort")]
    [InlineData("?program=AMEX", "program")]
    [InlineData("?status=blocked", "status")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?page=-1", "page")]
    [InlineData("?page=two", "page")]
    public async Task BadListParametersAreRefusedWithTheField(string query, string field)
    {
        await using var silo = new SiloFactory();
        using var admin = silo.Client(TestKeys.Admin);
        SiloApi.AssertProblem(await admin.GetReplyAsync($"/v1/merchants{query}"), HttpStatusCode.BadRequest, field);
    }

    private static async Task MonthAsync(HttpClient client, string merchant, string date, int disputes)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostReplyAsync("/v1/sales", SiloApi.Json(new JsonObject
        {
            ["batchId"] = $"{merchant}-{date}",
            ["merchantId"] = merchant,
            ["network"] = "visa",
            ["count"] = 12_000,
            ["amount"] = 60_000_000,
            ["currency"] = "USD",
            ["cardPresent"] = false,
            ["date"] = date,
        }.ToJsonString()))).Status);
        for (var i = 0; i < disputes; i++)
        {
            var reply = await client.PostReplyAsync("/v1/disputes", SiloApi.Json(new JsonObject
            {
                ["disputeId"] = $"{merchant}-{date}-{i}",
                ["merchantId"] = merchant,
                ["network"] = "visa",
                ["amount"] = 4_000,
                ["currency"] = "USD",
                ["reasonCode"] = "13.1",
                ["fraud"] = false,
                ["date"] = date,
            }.ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string query)
    {
        var reply = await client.GetReplyAsync($"/v1/merchants{query}");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return [.. reply.Json().GetProperty("items").EnumerateArray().Select(i => i.GetProperty("merchantId").GetString()!)];
    }
}
