using System.Collections.Concurrent;
using System.Diagnostics;
using ActorRisk.ReadModels.Audit;
using Xunit.Abstractions;

namespace ActorRisk.Silo.Tests;

/// <summary>One silo for the hostile-input table, with a merchant, an authorization and an alert for the good requests.</summary>
public sealed class HostileInputSilo : IAsyncLifetime, IHostileTarget
{
    public RecordingGrainStorage Storage { get; } = new();

    public SiloFactory Factory { get; private set; } = null!;

    public string MerchantId { get; } = MerchantApi.NewMerchantId("hostile");

    public string AuthorizationId { get; } = Auth.NewId("hostile");

    public string CardToken { get; } = Auth.NewToken();

    public string AlertId { get; private set; } = string.Empty;

    /// <summary>Every good request sent so far (path and body): the grains they name may still be written.</summary>
    public ConcurrentQueue<string> GoodRequests { get; } = new();

    public async Task InitializeAsync()
    {
        Factory = new SiloFactory(new SiloSetup { Storage = Storage });
        using var admin = Factory.Client();
        await admin.AuthorizeAsync(Auth.Request(AuthorizationId, CardToken, 1_500, MerchantId));

        // Card-not-present Visa sales and enough disputes to be over VAMP's thresholds: the merchant gets alerts.
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await AlertApi.CnpSalesAsync(admin, MerchantId, 20_000, today);
        await AlertApi.ImportAsync(admin, "/v1/disputes:batch", AlertApi.VisaDisputes(MerchantId, today, 1, 1_600));
        var alerts = await admin.WaitForAlertsAsync($"merchantId={MerchantId}", a => a.Count > 0, TimeSpan.FromSeconds(10), "any alert");
        AlertId = alerts[0].Id;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The hostile-input table (<see cref="HostileRequests"/>, every route): each request gets a 4xx problem+json naming
/// what is wrong, stores nothing (no grain write, no audit entry), and the route's good request still succeeds after it.
/// </summary>
public sealed class HostileInputTests(HostileInputSilo silo, ITestOutputHelper output) : IClassFixture<HostileInputSilo>
{
    // Not a speed bound: a request that has no answer by then hangs, and the table must say which.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Rows => [.. HostileRequests.All.Keys];

    [Fact]
    public void TheTableCoversEveryRouteWithMoreThanTwoHundredRows()
    {
        Assert.True(HostileRequests.All.Count >= 200, $"{HostileRequests.All.Count} rows");
        var routes = HostileRequests.All.Values.Select(r => r.Route).Distinct().Count();
        Assert.True(routes >= 20, $"{routes} routes");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AHostileRequestIsRefusedWithAProblemAndStoresNothing(string row)
    {
        var hostile = HostileRequests.All[row];
        using var client = silo.Factory.Client();
        var (writesBefore, auditBefore) = await QuietStateAsync();
        var goodBefore = silo.GoodRequests.ToArray();

        using var timeout = new CancellationTokenSource(Hang);
        using var request = hostile.Send(silo);
        var clock = Stopwatch.StartNew();
        var reply = await SiloApi.ReadAsync(await client.SendAsync(request, timeout.Token));
        output.WriteLine($"{(int)reply.Status} in {clock.Elapsed.TotalMilliseconds:0.0} ms");

        Assert.True((int)reply.Status is >= 400 and < 500, $"{row}: {reply}");
        var problem = SiloApi.AssertProblem(reply, hostile.Status ?? reply.Status);
        if (hostile.Field is { } field)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{row}: the problem does not name {field}: {reply.Body}");
        }

        // Writes after it may only be for grains that earlier good requests named: those answer first and write some
        // state behind (a second's card activity forwarded to its merchant). A grain only the hostile request named
        // would have been stored for it.
        var strangers = silo.Storage.Writes.Skip(writesBefore).Where(w => !goodBefore.Any(g => g.Contains(GrainKey(w), StringComparison.Ordinal))).ToList();
        Assert.True(strangers.Count == 0, $"{row} wrote: {string.Join("\n", strangers.Select(w => w[..Math.Min(w.Length, 300)]))}");
        Assert.Equal(auditBefore, await NewestAuditEntryAsync());

        using var good = hostile.Good(silo);
        silo.GoodRequests.Enqueue(good.RequestUri + " " + (good.Content is null ? string.Empty : await good.Content.ReadAsStringAsync()));
        var answer = await SiloApi.ReadAsync(await client.SendAsync(good, timeout.Token));
        Assert.True((int)answer.Status is >= 200 and < 300, $"{row}: the good request after it: {answer}");
    }

    // The previous row's good request may still be writing (a grain's write behind its answer): wait until the
    // storage has been quiet for a moment, so every write counted after this belongs to this row.
    private async Task<(int Writes, Guid? Audit)> QuietStateAsync()
    {
        var writes = silo.Storage.WriteCount;
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(20);
            if (silo.Storage.WriteCount == writes)
            {
                break;
            }

            writes = silo.Storage.WriteCount;
        }

        return (writes, await NewestAuditEntryAsync());
    }

    // "merchant/m-1/merchant: {...}": the grain's key.
    private static string GrainKey(string write) => write.Split('/', 3)[1];

    private async Task<Guid?> NewestAuditEntryAsync() =>
        await silo.Factory.Service<IAuditLog>().QueryAsync(new AuditQuery(Limit: 1)) is [var newest, ..] ? newest.Id : null;
}
