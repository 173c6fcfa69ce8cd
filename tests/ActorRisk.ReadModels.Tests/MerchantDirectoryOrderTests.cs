using System.Text.Json;
using ActorRisk.Abstractions.Merchants;
using ActorRisk.Abstractions.Serialization;
using ActorRisk.Domain.Values;
using ActorRisk.ReadModels.Merchants;
using NpgsqlTypes;

namespace ActorRisk.ReadModels.Tests;

/// <summary>
/// Every order a merchant list can take, forwards and reversed, in memory and in PostgreSQL: a reversed order is the
/// forward one read backwards (ties by id and never-closed merchants included), and both directories agree, page by page.
/// </summary>
public sealed class MerchantDirectoryOrderTests
{
    private const int PageSize = 3;

    // Ties on every key (risk 2.5 twice, fines 0 three times, two never closed), so the tiebreak is exercised too.
    private static readonly MerchantSummary[] Merchants =
    [
        Summary("m-b", 2.5m, 300, new YearMonth(2024, 3)),
        Summary("m-a", 2.5m, 0, null),
        Summary("M-C", 7.1m, 1_200, new YearMonth(2024, 5)),
        Summary("m-d", 0.2m, 0, new YearMonth(2023, 12)),
        Summary("m-e", 4.0m, 50, null),
        Summary("m-f", 1.0m, 0, new YearMonth(2024, 5)),
        Summary("m-g", 9.9m, 9_000, new YearMonth(2024, 1)),
    ];

    public static TheoryData<MerchantSort> Sorts() => [.. Enum.GetValues<MerchantSort>()];

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task InMemoryAReversedOrderIsTheForwardOrderBackwards(MerchantSort sort)
    {
        await using var services = ReadModelRegistrationsTests.Services(connectionString: null);
        var storage = services.GetRequiredService<MemoryMerchantSummaries>();
        foreach (var merchant in Merchants)
        {
            await storage.WriteStateAsync(MerchantSummary.StateName, GrainId.Create("merchant", merchant.MerchantId), new GrainState<MerchantSummary>(merchant));
        }

        await AssertReversedAsync(services.GetRequiredService<IMerchantDirectory>(), sort, Expected(sort));
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task InPostgreSqlAReversedOrderIsTheForwardOrderBackwards(MerchantSort sort)
    {
        var connectionString = await TestDatabase.CreateAsync("readmodels_order");
        await using var services = ReadModelRegistrationsTests.Services(connectionString);
        var directory = services.GetRequiredService<IMerchantDirectory>();
        Assert.Equal(0, (await directory.ListAsync(new MerchantQuery(null, null, 1, 1), CancellationToken.None)).Total); // migrates
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            foreach (var merchant in Merchants)
            {
                await using var insert = dataSource.CreateCommand(
                    "INSERT INTO grain_state (grain_type, grain_key, state_name, partition_id, version, schema_version, state) VALUES ('merchant', $1, 'merchant-summary', 0, 1, 1, $2)");
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = merchant.MerchantId });
                insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(merchant, ActorRiskJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
                await insert.ExecuteNonQueryAsync();
            }
        }

        await AssertReversedAsync(directory, sort, Expected(sort));
    }

    // The forward orders as MerchantSort documents them (ids compared as bytes, which the ids here keep unambiguous).
    private static string[] Expected(MerchantSort sort) => sort switch
    {
        MerchantSort.MerchantId => ["m-a", "m-b", "M-C", "m-d", "m-e", "m-f", "m-g"],
        MerchantSort.Fines => ["m-g", "M-C", "m-b", "m-e", "m-a", "m-d", "m-f"],
        MerchantSort.LastClosed => ["M-C", "m-f", "m-b", "m-g", "m-d", "m-a", "m-e"],
        _ => ["m-g", "M-C", "m-e", "m-a", "m-b", "m-f", "m-d"],
    };

    private static async Task AssertReversedAsync(IMerchantDirectory directory, MerchantSort sort, string[] forward)
    {
        Assert.Equal(forward, await AllPagesAsync(directory, sort, reverse: false));
        Assert.Equal(forward.Reverse(), await AllPagesAsync(directory, sort, reverse: true));
    }

    // Page by page, so an order that is stable only within a page would show as a merchant twice or missing.
    private static async Task<List<string>> AllPagesAsync(IMerchantDirectory directory, MerchantSort sort, bool reverse)
    {
        var ids = new List<string>();
        for (var page = 1; page <= (Merchants.Length + PageSize - 1) / PageSize; page++)
        {
            var result = await directory.ListAsync(new MerchantQuery(null, null, page, PageSize, Sort: sort, Reverse: reverse), CancellationToken.None);
            Assert.Equal(Merchants.Length, result.Total);
            ids.AddRange(result.Items.Select(m => m.MerchantId));
        }

        return ids;
    }

    private static MerchantSummary Summary(string id, decimal risk, long finesUsd, YearMonth? lastClosed) => new()
    {
        MerchantId = id,
        Month = new YearMonth(2024, 6),
        LastClosedMonth = lastClosed,
        RiskScore = risk,
        FinesToDateUsd = Money.Usd(finesUsd),
    };
}
