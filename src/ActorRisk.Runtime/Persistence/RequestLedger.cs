using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Persistence;

/// <summary>The runtime's IRequestLedger: reads request records from the named grain storage.</summary>
internal sealed class RequestLedger(IServiceProvider services, GrainStateSerializer serializer) : IRequestLedger
{
    public async Task<RequestResult<TAnswer>?> FindAsync<TAnswer>(RequestId request, string storageName = PersistentStateAttribute.DefaultStorage, CancellationToken cancellationToken = default)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(storageName);
        var applied = await storage.ReadRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return applied is null
            ? null
            : new RequestResult<TAnswer>(request, Applied: true, serializer.DeserializeAnswer<TAnswer>(applied.AnswerJson), applied.GrainId, applied.AppliedAt);
    }
}
