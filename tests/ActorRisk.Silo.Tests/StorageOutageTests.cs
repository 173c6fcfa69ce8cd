using System.Data.Common;
using ActorRisk.Abstractions;
using Orleans.Runtime;
using Orleans.Storage;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Silo.Tests;

/// <summary>A storage outage is a 503 the gateway may retry with the same id; the retry is decided once, from what storage holds.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task AFailedWriteIsA503AndTheRetryCountsTheAuthorizationOnce()
    {
        var storage = new FlakyStorage();
        await using var silo = new OutageSilo(storage);
        using var gateway = silo.CreateClient();
        gateway.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, TestKeys.Gateway);
        var card = Auth.NewToken();
        var id = Auth.NewId();

        storage.FailNextWrites = 1;
        var failed = await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(id, card, 1, "merchant-ec-1"));
        var problem = SiloApi.AssertProblem(failed, HttpStatusCode.ServiceUnavailable);
        Assert.True(problem.GetProperty("retryable").GetBoolean());

        var retried = await gateway.AuthorizeAsync(Auth.Request(id, card, 1, "merchant-ec-1"));
        Assert.False(retried.Replayed);

        var state = await gateway.CardAsync(card);
        Assert.Equal(1, state.Counters.Single(c => c.Window == "10m").Attempts);
    }

    private sealed class OutageSilo(FlakyStorage storage) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in new SiloSetup().Settings())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, storage));
        }
    }

    private sealed class FlakyStorage : IGrainStorage
    {
        private readonly RecordingGrainStorage inner = new();
        private int failNextWrites;

        public int FailNextWrites
        {
            get => Volatile.Read(ref failNextWrites);
            set => Volatile.Write(ref failNextWrites, value);
        }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Interlocked.Decrement(ref failNextWrites) >= 0
                ? throw new StorageUnreachableException()
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private sealed class StorageUnreachableException() : DbException("The database is unreachable (test outage).");
}
