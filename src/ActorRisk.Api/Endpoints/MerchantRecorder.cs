namespace ActorRisk.Api.Endpoints;

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

    /// <summary>
    /// Many records of one merchant in one grain call and one state write; each record gets its outcome, in order. Ids
    /// another merchant recorded are refused here without being sent.
    /// </summary>
    public async Task<ImmutableArray<RecordOutcome>> RecordBatchAsync(string merchantId, ImmutableArray<MerchantEvent> records, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome?[records.Length];
        var send = ImmutableArray.CreateBuilder<MerchantEvent>();
        for (var i = 0; i < records.Length; i++)
        {
            if (await ownership.TakenElsewhereAsync(records[i].Scope, records[i].Id, merchantId, cancellationToken))
            {
                outcomes[i] = RecordOutcome.Conflict();
            }
            else
            {
                send.Add(records[i]);
            }
        }

        var merchant = grains.GetGrain<IMerchantGrain>(merchantId);
        var sent = send.ToImmutable();
        var answers = sent.IsEmpty ? [] : await GrainCalls.RetryOnceOnConflictAsync(() => merchant.RecordBatchAsync(sent));
        var next = 0;
        return [.. outcomes.Select(o => o ?? answers[next++])];
    }
}
