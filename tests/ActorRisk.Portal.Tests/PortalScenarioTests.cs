using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The risk portal's scenarios in a real browser against the real silo, driven through the API as a payment gateway
/// would: the overview and alerts under live traffic (the card pages' scenarios are in <see cref="CardPagesTests"/>).
/// Screenshots of the pages are saved on the way.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PortalScenarioTests(BrowserFixture browser) : PortalTest(browser)
{
    /// <summary>"tok_" and 22 URL-safe characters, new for each call.</summary>
    internal static string NewCardToken() => "tok_" + Guid.NewGuid().ToString("N")[..22];

    /// <summary>A small online authorization without the security code (JPY 1): what a card tester sends.</summary>
    internal static Task<JsonElement> AuthorizeAsync(HttpClient api, string cardToken, string merchantId, string authorizationId) =>
        PortalApi.AuthorizeAsync(api, new { authorizationId, cardToken, merchantId, amount = 1, currency = "JPY", cvcProvided = false, cardPresent = false });

    /// <summary>Three small authorizations on <paramref name="cardToken"/>: the third is declined and blocks the card.</summary>
    internal static async Task BlockByBurstAsync(HttpClient api, string cardToken, string merchantId)
    {
        JsonElement last = default;
        for (var i = 1; i <= 3; i++)
        {
            last = await AuthorizeAsync(api, cardToken, merchantId, $"burst-{cardToken}-{i}");
        }

        Assert.Equal("decline", last.GetProperty("decision").GetString());
        Assert.True(last.GetProperty("cardBlocked").GetBoolean());
    }
}

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
        await Page.GotoAsync($"/merchants/{MerchantId}");
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

        await Expect(Page.Locator("section[aria-labelledby='history-title'] svg")).ToBeVisibleAsync();
        await ScreenshotAsync(Page, "merchant-detail");
        await Page.SetViewportSizeAsync(768, 1024);
        await ScreenshotAsync(Page, "merchant-detail-tablet");
        await Page.SetViewportSizeAsync(BrowserFixture.Viewport.Width, BrowserFixture.Viewport.Height);

        // The merchants list filtered to VDMP enforcement lists it, with a link to its page.
        await Page.GotoAsync("/merchants?program=VDMP&status=Enforcement");
        var link = Page.GetByRole(AriaRole.Link, new() { Name = MerchantId, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveAttributeAsync("href", $"/merchants/{MerchantId}");
        await ScreenshotAsync(Page, "merchants");

        // Not listed under another status.
        await Page.GotoAsync("/merchants?program=VDMP&status=ExitWindow");
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
