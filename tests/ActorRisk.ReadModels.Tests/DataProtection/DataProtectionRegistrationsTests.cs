using ActorRisk.ReadModels.DataProtection;
using Microsoft.AspNetCore.DataProtection;

namespace ActorRisk.ReadModels.Tests.DataProtection;

/// <summary>The portal's cookie keys in the read-model database: another silo, or the same one after a restart, reads them.</summary>
public sealed class DataProtectionRegistrationsTests
{
    [Fact]
    public async Task WhatOneSiloProtectsAnotherUnprotectsWithTheKeysInTheDatabase()
    {
        var connectionString = await TestDatabase.CreateAsync("readmodels_keys");
        string cookie;
        await using (var first = Silo(connectionString))
        {
            cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("portal").Protect("signed in");
        }

        await using (var second = Silo(connectionString))
        {
            Assert.Equal("signed in", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("portal").Unprotect(cookie));
        }

        Assert.Equal(1L, await TestDatabase.CountAsync(connectionString, "data_protection_keys"));
    }

    private static ServiceProvider Silo(string connectionString) =>
        ReadModelRegistrationsTests.Services(connectionString, services => services.AddDataProtection().SetApplicationName("ActorRisk").PersistKeysToReadModels());
}
