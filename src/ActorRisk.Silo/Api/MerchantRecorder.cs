namespace ActorRisk.Silo.Api;

/// <summary>Hands one settlement batch, dispute or fraud report to its merchant grain, for the single and the bulk endpoints alike.</summary>
public sealed class MerchantRecorder(IGrainFactory grains, RequestOwnership ownership)
{
    /// <exception cref="IngestionConflictException">The id was recorded with other content, here or at another merchant.</exception>
    public async Task<IngestionReceipt> RecordAsync(string merchantId, MerchantEvent record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (await ownership.TakenElsewhereAsync(record.Scope, record.Id, merchantId, cancellationToken))
        {
            throw new IngestionConflictException(record.Kind, record.Id);
        }

        var merchant = grains.GetGrain<IMerchantGrain>(merchantId);
        return await GrainCalls.RetryOnceOnConflictAsync(() => merchant.RecordAsync(record));
    }
}
