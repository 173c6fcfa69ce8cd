using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>Several named storages, and reminders, each in the database its registration names.</summary>
public sealed class StorageConfigurationTests
{
    [Fact]
    public async Task EachPostgresStorageAndTheReminderTableUseTheirOwnConnectionString()
    {
        var main = await TestDatabase.CreateAsync("main_db");
        var archive = await TestDatabase.CreateAsync("archive_db");
        var reminders = await TestDatabase.CreateAsync("reminder_db");
        await using var silo = await TestSilo.StartAsync(
            b => b
                .AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id))
                .AddGrain<IArchiveGrain, ArchiveGrain>("archive", (i, id) => new ArchiveGrainReference(i, id))
                .AddGrain<IReminderGrain, ReminderGrain>("reminded", (i, id) => new ReminderGrainReference(i, id))
                .AddPostgresGrainStorage(main)
                .AddPostgresGrainStorage(archive, ArchiveGrain.Storage)
                .UsePostgresReminders(reminders),
            s => s.AddSingleton(new LifecycleProbe()).AddSingleton(new ReminderProbe()));

        await silo.GrainFactory.GetGrain<ILifecycleGrain>("x").SetAndWriteAsync(1);
        await silo.GrainFactory.GetGrain<IArchiveGrain>("x").AddAsync("entry");
        await silo.GrainFactory.GetGrain<IReminderGrain>("x").RegisterAsync(new ReminderSpec("later", TimeSpan.FromHours(1), TimeSpan.FromHours(1)));

        Assert.NotNull(await TestDatabase.ReadStateAsync(main, new GrainId("life", "x"), "life"));
        Assert.Null(await TestDatabase.ReadStateAsync(main, new GrainId("archive", "x"), "archive"));
        Assert.NotNull(await TestDatabase.ReadStateAsync(archive, new GrainId("archive", "x"), "archive"));
        Assert.Null(await TestDatabase.ReadStateAsync(archive, new GrainId("life", "x"), "life"));
        Assert.Equal(1, await TestDatabase.ScalarAsync<long>(reminders, "SELECT count(*) FROM grain_reminders"));
        Assert.Equal(0, await TestDatabase.ScalarAsync<long>(main, "SELECT count(*) FROM grain_reminders"));
    }

    [Fact]
    public async Task MemoryAndPostgresStoragesCanServeDifferentGrains()
    {
        var archive = await TestDatabase.CreateAsync("mixed_db");
        await using var silo = await TestSilo.StartAsync(
            b => b
                .AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id))
                .AddGrain<IArchiveGrain, ArchiveGrain>("archive", (i, id) => new ArchiveGrainReference(i, id))
                .AddMemoryGrainStorage()
                .AddPostgresGrainStorage(archive, ArchiveGrain.Storage),
            s => s.AddSingleton(new LifecycleProbe()));

        await silo.GrainFactory.GetGrain<ILifecycleGrain>("y").SetAndWriteAsync(1);
        await silo.GrainFactory.GetGrain<IArchiveGrain>("y").AddAsync("kept");
        await silo.RestartAsync();

        Assert.Equal(0, await silo.GrainFactory.GetGrain<ILifecycleGrain>("y").GetAsync()); // memory: gone with the process
        Assert.Equal(["kept"], await silo.GrainFactory.GetGrain<IArchiveGrain>("y").GetAsync());
    }
}
