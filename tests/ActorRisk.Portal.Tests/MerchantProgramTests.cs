using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// A merchant crossing Visa's dispute program (VDMP, in force until 2025-03) over five closed months, driven on a
/// manual clock in 2024 so that each month's records are on time and each month is closed within its grace period.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class MerchantProgramScenarioTests(BrowserFixture browser) : PortalTest(browser)
{
    private const string MerchantId = "m_vdmp_crossing";
    private const int SalesPerMonth = 12_000;
    private const int DisputesPerMonth = 150;
    private static readonly string[] Months = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"];

    private readonly ManualClock clock = new(new DateTimeOffset(2024, 1, 2, 12, 0, 0, TimeSpan.Zero));

    protected override Task<PortalSilo> StartSiloAsync() => PortalSilo.StartAsync(extra: null, clock);

    [Fact]
    public async Task AMerchantCrossingVdmpShowsTheMonthCounterAndTheFine()
    {
        using var api = Silo.ApiClient();
        foreach (var month in Months)
        {
            var first = DateTime.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            clock.MoveTo(new DateTimeOffset(first.AddDays(1).AddHours(12), TimeSpan.Zero));
            await RecordMonthAsync(api, month, first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

            // Into the next month, before the 3-day grace ends, and close the month on demand (admin key).
            clock.MoveTo(new DateTimeOffset(first.AddMonths(1).AddDays(1).AddHours(12), TimeSpan.Zero));
            using var closed = await api.PostAsync(new Uri($"/v1/months/{month}/close", UriKind.Relative), null);
            var body = await closed.Content.ReadAsStringAsync();
            Assert.True(closed.StatusCode == HttpStatusCode.OK, $"Closing {month}: {(int)closed.StatusCode} {body}");
        }

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync($"/merchants/{MerchantId}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = MerchantId, Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Programs after 2024-05", Exact = true })).ToBeVisibleAsync();

        var programs = Page.Locator("section[aria-labelledby='programs-title'] table tbody tr");
        var vdmp = programs.Filter(new() { Has = Page.Locator("th", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^VDMP$") }) });
        await Expect(vdmp).ToHaveCountAsync(1);
        var cells = vdmp.Locator("td");
        await Expect(cells.Nth(0)).ToHaveTextAsync("In a program");
        await Expect(cells.Nth(1)).ToHaveTextAsync("Standard");
        await Expect(cells.Nth(2)).ToHaveTextAsync("5");
        await Expect(cells.Nth(3)).ToHaveTextAsync("1.25%");
        await Expect(cells.Nth(4)).ToHaveTextAsync("USD 7,500.00");
        await Expect(cells.Nth(5)).ToHaveTextAsync("USD 7,500.00");

        // The history, newest first: five months, the counter rising, the fine in the fifth.
        var history = Page.Locator("section[aria-labelledby='history-title'] table tbody tr");
        await Expect(history).ToHaveCountAsync(Months.Length);
        for (var i = 0; i < Months.Length; i++)
        {
            var row = history.Nth(i);
            var month = Months[Months.Length - 1 - i];
            var monthInProgram = Months.Length - i;
            await Expect(row.Locator("th")).ToHaveTextAsync(month);
            await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("12,000");
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("150");
            await Expect(row.Locator("td").Nth(4)).ToContainTextAsync($"VDMP in a program (month {monthInProgram})");
            if (monthInProgram == 5)
            {
                await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("USD 7,500.00");
            }
            else
            {
                await Expect(row.Locator("td").Nth(5)).Not.ToContainTextAsync("USD");
            }
        }

        // VDMP's chart, and the table beside it: the threshold each month and the months in the program.
        var chart = Page.Locator("#ratio-vdmp");
        await Expect(chart.GetByRole(AriaRole.Heading, new() { Name = "VDMP", Level = 3, Exact = true })).ToBeVisibleAsync();
        await Expect(chart.Locator("svg.mud-chart-line, .mud-chart svg").First).ToBeVisibleAsync();
        var ratios = chart.Locator("table tbody tr");
        await Expect(ratios).ToHaveCountAsync(Months.Length + 1);
        await Expect(ratios.Nth(0).Locator("th")).ToHaveTextAsync("2024-06 so far");
        await Expect(ratios.Nth(1).Locator("th")).ToHaveTextAsync("2024-05");
        await Expect(ratios.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("1.25%");
        await Expect(ratios.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("0.90%");
        await Expect(ratios.Nth(1).Locator("td").Nth(2)).ToHaveTextAsync("month 5 in it");
        await Expect(ratios.Nth(5).Locator("td").Nth(2)).ToHaveTextAsync("month 1 in it");
        await ScreenshotAsync(Page, "merchant-detail");
        await Page.SetViewportSizeAsync(768, 1024);
        await ScreenshotAsync(Page, "merchant-detail-tablet");
        await Page.SetViewportSizeAsync(BrowserFixture.Viewport.Width, BrowserFixture.Viewport.Height);

        // The merchants list filtered to VDMP enforcement lists it, with a link to its page.
        await GotoInteractiveAsync("/merchants?program=VDMP&status=Enforcement");
        var link = Page.GetByRole(AriaRole.Link, new() { Name = MerchantId, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveAttributeAsync("href", $"/merchants/{MerchantId}");
        await Expect(Page.Locator(".merchant-grid tbody tr").Filter(new() { Has = link })).ToContainTextAsync("VDMP");

        // Not listed under another status, picked in the status filter.
        await Page.GetByLabel("Status", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "In the exit window", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#merchant-count")).ToContainTextAsync("0 merchants");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = MerchantId, Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>12,000 Visa card-not-present sales (one settlement batch) and 150 Visa disputes (NDJSON bulk), dated <paramref name="date"/>.</summary>
    private static async Task RecordMonthAsync(HttpClient api, string month, string date)
    {
        using (var sales = await api.PostAsJsonAsync(new Uri("/v1/sales", UriKind.Relative), new
        {
            batchId = $"sales-{MerchantId}-{month}",
            merchantId = MerchantId,
            network = "visa",
            count = SalesPerMonth,
            amount = SalesPerMonth * 5_000L,
            currency = "USD",
            cardPresent = false,
            date,
        }))
        {
            var body = await sales.Content.ReadAsStringAsync();
            Assert.True(sales.StatusCode == HttpStatusCode.OK, $"POST /v1/sales for {month}: {(int)sales.StatusCode} {body}");
            var answer = JsonDocument.Parse(body).RootElement;
            Assert.Equal(month, answer.GetProperty("month").GetString());
            Assert.False(answer.GetProperty("late").GetBoolean());
        }

        var lines = new StringBuilder();
        for (var i = 0; i < DisputesPerMonth; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new
            {
                disputeId = $"dispute-{MerchantId}-{month}-{i}",
                merchantId = MerchantId,
                network = "visa",
                amount = 5_000,
                currency = "USD",
                reasonCode = "10.4",
                fraud = false,
                date,
            }));
        }

        using var content = new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson");
        using var disputes = await api.PostAsync(new Uri("/v1/disputes:batch", UriKind.Relative), content);
        var report = await disputes.Content.ReadAsStringAsync();
        Assert.True(disputes.StatusCode == HttpStatusCode.OK, $"POST /v1/disputes:batch for {month}: {(int)disputes.StatusCode} {report}");
        var imported = JsonDocument.Parse(report).RootElement;
        Assert.Equal(DisputesPerMonth, imported.GetProperty("accepted").GetInt32());
        Assert.Equal(0, imported.GetProperty("late").GetInt32());
    }
}
