using ActorRisk.Abstractions.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using ActorRisk.ReadModels.Merchants;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The merchants list over 10,000 merchants on a live circuit: the grid sorts and pages in the read model (the
/// directory answers one page; the browser holds one page of rows), and its filters start from the address.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class MerchantGridTests(BrowserFixture browser) : PortalTest(browser)
{
    private const int MerchantCount = 10_000;
    private const int RowsPerPage = 50;

    private ILocator Rows => Page.Locator(".merchant-grid tbody tr").Filter(new() { Has = Page.Locator("a[href^='/merchants/']") });

    private ILocator FirstIds => Rows.Locator("td:first-child a");

    [Fact]
    public async Task TheGridSortsAndPagesTenThousandMerchantsOnTheServer()
    {
        var seeded = await SeedAsync();
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/merchants");

        // Riskiest first, one page of rows in the document.
        var byRisk = seeded.OrderByDescending(m => m.RiskScore).Select(m => m.MerchantId).ToList();
        await Expect(FirstIds).ToHaveCountAsync(RowsPerPage);
        await ExpectFirstIdsAsync(byRisk.Take(3));
        await Expect(Page.Locator("#merchant-count")).ToContainTextAsync("10,000 merchants");

        // By merchant id, A to Z, then Z to A (the same index backwards), then page 2 and the last page of that.
        var byId = seeded.Select(m => m.MerchantId).Order(StringComparer.Ordinal).ToList();
        await SortByAsync("Merchant");
        await ExpectFirstIdsAsync(byId.Take(3));
        await SortByAsync("Merchant");
        var byIdDescending = Enumerable.Reverse(byId).ToList();
        await ExpectFirstIdsAsync(byIdDescending.Take(3));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Next page", Exact = true }).ClickAsync();
        await ExpectFirstIdsAsync(byIdDescending.Skip(RowsPerPage).Take(3));
        await Expect(FirstIds).ToHaveCountAsync(RowsPerPage);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Last page", Exact = true }).ClickAsync();
        await ExpectFirstIdsAsync(byIdDescending.Skip(MerchantCount - RowsPerPage).Take(3));
        await Expect(FirstIds).ToHaveCountAsync(RowsPerPage);
        await Expect(FirstIds.Last).ToHaveTextAsync(byId[0]);

        // Most fines first; ties (100 merchants per amount) by id.
        var byFines = seeded.OrderByDescending(m => m.FinesToDateUsd.Amount).ThenBy(m => m.MerchantId, StringComparer.Ordinal).Select(m => m.MerchantId).ToList();
        await SortByAsync("Fines to date");
        await SortByAsync("Fines to date");
        await ExpectFirstIdsAsync(byFines.Take(3));
        await ScreenshotAsync(Page, "merchants");
    }

    [Fact]
    public async Task TheStatusLinkAndTheSearchFilterTheListOnTheServer()
    {
        var seeded = await SeedAsync();
        await SignInAsync(PortalSilo.Analyst);

        // The overview's tile links here with ?status=.
        var inProgram = seeded.Where(m => m.Programs.Any(p => p.Status == ProgramStatus.Enforcement)).OrderByDescending(m => m.RiskScore).ToList();
        await GotoInteractiveAsync("/merchants?status=Enforcement");
        await Expect(Page.Locator("#merchant-count")).ToContainTextAsync($"{inProgram.Count} merchants");
        await Expect(FirstIds).ToHaveCountAsync(RowsPerPage);
        await ExpectFirstIdsAsync(inProgram.Take(3).Select(m => m.MerchantId));
        await Expect(FirstIds.First).ToHaveAttributeAsync("href", $"/merchants/{inProgram[0].MerchantId}");

        // A search narrows it further, while the field keeps the focus.
        var search = Page.GetByLabel("Merchant id starts with", new() { Exact = true });
        await search.FillAsync("m-grid-012");
        var matching = inProgram.Where(m => m.MerchantId.StartsWith("m-grid-012", StringComparison.Ordinal)).ToList();
        await Expect(Page.Locator("#merchant-count")).ToContainTextAsync($"{matching.Count} merchants whose id starts with “m-grid-012”");
        await Expect(FirstIds).ToHaveCountAsync(matching.Count);
        await Expect(search).ToBeFocusedAsync();
        await search.PressAsync("0");
        await Expect(Page.Locator("#merchant-count")).ToContainTextAsync("1 merchant whose id starts with “m-grid-0120”");
        await Expect(search).ToBeFocusedAsync();

        // Another status: none of these merchants is in the exit window.
        await Page.GotoAsync("/merchants?status=ExitWindow");
        await WaitForInteractiveAsync(Page);
        await Expect(Page.Locator("#merchant-count")).ToContainTextAsync("0 merchants");
        await Expect(Page.Locator(".merchant-grid")).ToContainTextAsync("No merchants match.");
    }

    private async Task SortByAsync(string column)
    {
        var before = await FirstIds.First.TextContentAsync();
        await Page.Locator(".merchant-grid thead th").Filter(new() { HasText = column }).GetByRole(AriaRole.Button, new() { Name = "Sort", Exact = true }).ClickAsync();
        await Expect(FirstIds.First).Not.ToHaveTextAsync(before ?? string.Empty);
    }

    private async Task ExpectFirstIdsAsync(IEnumerable<string> ids)
    {
        var expected = ids.ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            await Expect(FirstIds.Nth(i)).ToHaveTextAsync(expected[i]);
        }
    }

    /// <summary>
    /// 10,000 summaries written straight into memory mode's summary storage (where merchant grains write theirs): the
    /// directory lists them like any merchant. Risk scores are all different; fines repeat, so ties show; one in
    /// twenty is in VDMP's enforcement.
    /// </summary>
    private async Task<List<MerchantSummary>> SeedAsync()
    {
        var storage = Silo.Services.GetRequiredService<MemoryMerchantSummaries>();
        var seeded = new List<MerchantSummary>(MerchantCount);
        for (var i = 0; i < MerchantCount; i++)
        {
            var status = i % 20 == 0 ? ProgramStatus.Enforcement : ProgramStatus.NotInProgram;
            var summary = new MerchantSummary
            {
                MerchantId = $"m-grid-{i:D5}",
                Month = new YearMonth(2026, 12),
                LastClosedMonth = new YearMonth(2026, 1 + (i % 11)),
                RiskScore = (i * 7_919 % MerchantCount) / 1_000m,
                FinesToDateUsd = Money.Usd(i % 100 * 250),
                Programs = [new ProgramSummary(MonitoringProgram.VAMP, status, status == ProgramStatus.Enforcement ? "Standard" : null, status == ProgramStatus.Enforcement ? 2 : 0, 0.004m, 0.0035m, WarningLevel.None)],
            };
            await storage.WriteStateAsync(MerchantSummary.StateName, GrainId.Create("merchant", summary.MerchantId), new GrainState<MerchantSummary>(summary));
            seeded.Add(summary);
        }

        return seeded;
    }
}
