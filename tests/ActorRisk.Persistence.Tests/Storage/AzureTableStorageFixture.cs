using Azure.Data.Tables;
using Orleans.Hosting;

namespace ActorRisk.Persistence.Tests.Storage;

/// <summary>Orleans' own Azure Table grain storage against a real Azurite, with the same JSON serializer.</summary>
public sealed class AzureTableStorageFixture : StorageFixture
{
    private protected override async Task<TestSiloHost> StartAsync()
    {
        var azurite = await AzuriteServer.InstanceAsync();
        return await TestSiloHost.StartAsync(silo => silo.AddAzureTableGrainStorage(Name, options =>
        {
            options.TableServiceClient = new TableServiceClient(azurite.ConnectionString);
            options.TableName = $"state{Guid.NewGuid():N}";
            options.GrainStorageSerializer = TestJsonSerializer.Instance;
        }));
    }
}
