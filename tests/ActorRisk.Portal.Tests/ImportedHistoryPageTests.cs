using System.Globalization;
using System.Net.Http.Json;
using ActorRisk.Abstractions.Merchants;
using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using ActorRisk.Portal.Components.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// A merchant with three months imported from its previous system and one live month closed after them: the merchant
/// page shows every month alike, the imported ones marked in words (history table and ratio tables) with the tooltip
/// and the note saying where their totals came from, the live month unmarked.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ImportedHistoryPageTests(BrowserFixture browser) : PortalTest(browser)
{
    private const string MerchantId = "m_imported_history";
    private static readonly YearMonth Live = new(2026, 5);
    private static readonly YearMonth[] Imported = [new(2026, 2), new(2026, 3), new(2026, 4)];

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 5, 10, 12, 0, 0, TimeSpan.Zero));

    protected override Task<PortalSilo> StartSiloAsync() => PortalSilo.StartAsync(extra: null, clock);

    [Fact]
    public async Task ImportedMonthsAreShownLikeLiveOnesButMarkedImported()
    {
        // 150 chargebacks a month over 8,000 Mastercard sales: ECM from the second imported month.
        var merchant = Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IMerchantGrain>(MerchantId);
        var import = await merchant.ImportHistoryAsync(new HistoryImport([.. Imported.SelectMany(Month)]));
        Assert.All(import.Rows, r => Assert.Equal(HistoryRowStatus.Imported, r.Status));

        using var api = Silo.ApiClient();
        await RecordLiveSalesAsync(api);
        clock.MoveTo(new DateTimeOffset(2026, 6, 2, 12, 0, 0, TimeSpan.Zero));
        using (var closed = await api.PostAsync(new Uri($"/v1/months/{Live}/close", UriKind.Relative), null))
        {
            Assert.True(closed.StatusCode == HttpStatusCode.OK, $"Closing {Live}: {(int)closed.StatusCode} {await closed.Content.ReadAsStringAsync()}");
        }

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync($"/merchants/{MerchantId}");

        // Newest first: the live month unmarked, then the imported months, each with its counts, program and mark.
        var rows = Page.Locator("#history tbody tr");
        await Expect(rows).ToHaveCountAsync(1 + Imported.Length);
        await Expect(rows.Nth(0).Locator("th")).ToHaveTextAsync(Live.ToString());
        await Expect(rows.Nth(0).Locator(".badge")).ToHaveCountAsync(0);
        await Expect(rows.Nth(1).Locator("th")).ToHaveTextAsync($"{Imported[2]} imported");
        await Expect(rows.Nth(1).Locator("td").Nth(3)).ToHaveTextAsync("150");
        await Expect(rows.Nth(1).Locator("td").Nth(4)).ToContainTextAsync("ECM in a program (month 2)");
        await Expect(rows.Nth(1).Locator("td").Nth(5)).ToHaveTextAsync("USD 1,000.00");
        await Expect(rows.Nth(3).Locator("th")).ToHaveTextAsync($"{Imported[0]} imported");
        await Expect(Page.Locator("#history .badge.imported")).ToHaveCountAsync(Imported.Length);
        await Expect(Page.Locator("#history-imported-note")).ToContainTextAsync("have totals imported from the previous system");

        // The tooltip says it too, for a pointer.
        await rows.Nth(1).Locator(".badge.imported").HoverAsync();
        await Expect(Page.GetByText(ImportedMark.Explanation, new() { Exact = true })).ToBeVisibleAsync();

        // ECM's ratio table marks the same months; the running month and the live one are not.
        var ecm = Page.Locator("#ratio-ecm table tbody tr");
        await Expect(ecm).ToHaveCountAsync(2 + Imported.Length);
        await Expect(ecm.Nth(0).Locator("th")).ToHaveTextAsync($"{Live.Next()} so far");
        await Expect(ecm.Nth(1).Locator("th")).ToHaveTextAsync(Live.ToString());
        await Expect(ecm.Nth(2).Locator("th")).ToHaveTextAsync($"{Imported[2]} imported");
        await Expect(ecm.Nth(2).Locator("td").Nth(2)).ToHaveTextAsync("month 2 in it");
        await Expect(Page.Locator("#ratio-ecm .badge.imported")).ToHaveCountAsync(Imported.Length);
    }

    private static IEnumerable<ReportedMonth> Month(YearMonth month) =>
    [
        new ReportedMonth { Month = month, Network = CardNetwork.Visa, SalesCount = 12_000, CardNotPresentSalesCount = 12_000, SalesAmount = Money.Usd(480_000m), DisputeCount = 20, DisputeAmount = Money.Usd(800m), FraudReportAmount = Money.Zero("USD") },
        new ReportedMonth { Month = month, Network = CardNetwork.Mastercard, SalesCount = 8_000, CardNotPresentSalesCount = 8_000, SalesAmount = Money.Usd(320_000m), DisputeCount = 150, DisputeAmount = Money.Usd(6_000m), FraudReportAmount = Money.Zero("USD") },
    ];

    private async Task RecordLiveSalesAsync(HttpClient api)
    {
        using var response = await api.PostAsJsonAsync(new Uri("/v1/sales", UriKind.Relative), new
        {
            batchId = $"sales-{MerchantId}-{Live}",
            merchantId = MerchantId,
            network = "mastercard",
            count = 8_000,
            amount = 32_000_000,
            currency = "USD",
            cardPresent = false,
            date = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
