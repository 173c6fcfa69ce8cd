using ActorRisk.Runtime.Reminders;
using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>Durable reminders: they re-activate grains, survive restarts (PostgreSQL), fire once when one-time, and retry failures.</summary>
public sealed class ReminderTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static void AddReminderGrain(GrainRuntimeBuilder b) => b
        .AddGrain<IReminderGrain, ReminderGrain>("reminded", (i, id) => new ReminderGrainReference(i, id))
        .Configure(o =>
        {
            o.ReminderPollInterval = TimeSpan.FromMilliseconds(100);
            o.ReminderRetryDelay = TimeSpan.FromMilliseconds(300);
        });

    [Fact]
    public async Task AReminderFiresOnTheRestartedSiloAndReactivatesTheGrain()
    {
        var connectionString = await TestDatabase.CreateAsync("reminders");
        var probe = new ReminderProbe();
        await using var silo = await TestSilo.StartAsync(
            b =>
            {
                AddReminderGrain(b);
                b.AddPostgresGrainStorage(connectionString).UsePostgresReminders(connectionString);
            },
            s => s.AddSingleton(probe));
        await silo.GrainFactory.GetGrain<IReminderGrain>("r1").RegisterAsync(new ReminderSpec("tick", OneSecond, OneSecond));
        Assert.Equal(1, probe.Activations("r1"));

        await silo.RestartAsync();
        var beforeRestart = probe.Successes("r1", "tick"); // normally 0: the first tick is due a second after registration

        // Nobody calls the grain on the new silo: a second activation can only come from the reminder.
        await Eventually.HoldsAsync(
            () => probe.Activations("r1") == 2 && probe.Successes("r1", "tick") >= beforeRestart + 2,
            "the reminder re-activates the grain and ticks twice on the new silo");
        var ticks = probe.Ticks.Where(t => t.Key == "r1").Select(t => t.Tick).ToList();
        Assert.All(ticks, t => Assert.Equal(OneSecond, t.Period));
        Assert.True(ticks[1].DueAt > ticks[0].DueAt);

        var table = silo.Services.GetRequiredService<IReminderTable>();
        Assert.IsNotType<MemoryReminderTable>(table);
        var rows = await table.ReadForGrainAsync(new GrainId("reminded", "r1"), CancellationToken.None);
        Assert.Equal("tick", Assert.Single(rows).Name);

        await silo.GrainFactory.GetGrain<IReminderGrain>("r1").UnregisterAsync("tick");
        Assert.Empty(await table.ReadForGrainAsync(new GrainId("reminded", "r1"), CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AOneTimeReminderFiresOnceAndIsRemoved(bool postgres)
    {
        var connectionString = postgres ? await TestDatabase.CreateAsync("reminders_once") : null;
        var probe = new ReminderProbe();
        await using var silo = await TestSilo.StartAsync(
            b =>
            {
                AddReminderGrain(b);
                if (connectionString is not null)
                {
                    b.UsePostgresReminders(connectionString);
                }
            },
            s => s.AddSingleton(probe));
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var id = new GrainId("reminded", "once");
        await silo.GrainFactory.GetGrain<IReminderGrain>("once").RegisterAsync(new ReminderSpec("alarm", TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan));
        Assert.Single(await table.ReadForGrainAsync(id, CancellationToken.None));

        await Eventually.HoldsAsync(() => probe.Successes("once", "alarm") == 1, "the one-time reminder fires");
        await Eventually.HoldsAsync(async () => (await table.ReadForGrainAsync(id, CancellationToken.None)).Count == 0, "the one-time reminder is removed");
        await Task.Delay(500); // several poll intervals: a reminder that was not removed would fire again
        Assert.Equal(1, probe.Attempts("once", "alarm"));
    }

    [Fact]
    public async Task MemoryRemindersTickPeriodicallyUntilUnregistered()
    {
        var probe = new ReminderProbe();
        await using var silo = await TestSilo.StartAsync(b => AddReminderGrain(b), s => s.AddSingleton(probe));
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>("mem");
        await grain.RegisterAsync(new ReminderSpec("beat", TimeSpan.Zero, OneSecond));

        await Eventually.HoldsAsync(() => probe.Successes("mem", "beat") >= 2, "two ticks");
        await grain.UnregisterAsync("beat");
        var table = silo.Services.GetRequiredService<IReminderTable>();
        Assert.IsType<MemoryReminderTable>(table);
        Assert.Empty(await table.ReadForGrainAsync(new GrainId("reminded", "mem"), CancellationToken.None));
        var ticks = probe.Ticks.Where(t => t.Key == "mem").Select(t => t.Tick).ToList();
        var apart = ticks[1].DueAt - ticks[0].DueAt;
        Assert.True(apart > TimeSpan.Zero && apart.Ticks % OneSecond.Ticks == 0, $"ticks are due {apart} apart, not on period boundaries");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFailingReminderIsRetried(bool postgres)
    {
        var connectionString = postgres ? await TestDatabase.CreateAsync("reminders_retry") : null;
        var probe = new ReminderProbe();
        probe.FailFirst("flaky", "job", 2);
        await using var silo = await TestSilo.StartAsync(
            b =>
            {
                AddReminderGrain(b);
                if (connectionString is not null)
                {
                    b.UsePostgresReminders(connectionString);
                }
            },
            s => s.AddSingleton(probe));
        await silo.GrainFactory.GetGrain<IReminderGrain>("flaky").RegisterAsync(new ReminderSpec("job", TimeSpan.Zero, Timeout.InfiniteTimeSpan));

        // A one-time reminder that fails is not dropped: it runs again after ReminderRetryDelay until it succeeds.
        await Eventually.HoldsAsync(() => probe.Successes("flaky", "job") == 1, "the reminder succeeds after two failures");
        Assert.Equal(3, probe.Attempts("flaky", "job"));
        var table = silo.Services.GetRequiredService<IReminderTable>();
        await Eventually.HoldsAsync(
            async () => (await table.ReadForGrainAsync(new GrainId("reminded", "flaky"), CancellationToken.None)).Count == 0,
            "the reminder is removed after it succeeded");
    }

    [Fact]
    public async Task ReminderPeriodsShorterThanASecondAreRefused()
    {
        var probe = new ReminderProbe();
        await using var silo = await TestSilo.StartAsync(b => AddReminderGrain(b), s => s.AddSingleton(probe));
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>("too-fast");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.RegisterAsync(new ReminderSpec("fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(100))));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.RegisterAsync(new ReminderSpec("past", TimeSpan.FromSeconds(-1), OneSecond)));
    }
}
