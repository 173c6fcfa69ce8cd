namespace ActorRisk.Api.Endpoints;

/// <summary>
/// A bulk file's rows grouped by merchant and handed to each merchant grain a batch at a time (one call, one state
/// write per batch instead of per row). Each merchant's batches go in file order, one at a time; different merchants
/// go in parallel, at most as many at once as the gate allows. Rows buffered across all merchants are bounded: past
/// <see cref="MaxBuffered"/>, every buffer is sent.
/// </summary>
internal sealed class MerchantBatches(MerchantRecorder recorder, ImportReport report, SemaphoreSlim gate)
{
    public const int BatchSize = 256;
    public const int MaxBuffered = 20_000;

    private readonly Dictionary<string, List<(MerchantEvent Record, int Line)>> buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> sending = new(StringComparer.Ordinal);
    private int buffered;

    public async Task AddAsync(string merchantId, MerchantEvent record, int line, CancellationToken cancellationToken)
    {
        if (!buffers.TryGetValue(merchantId, out var rows))
        {
            buffers[merchantId] = rows = [];
        }

        rows.Add((record, line));
        buffered++;
        if (rows.Count >= BatchSize)
        {
            await SendAsync(merchantId, cancellationToken);
        }
        else if (buffered >= MaxBuffered)
        {
            foreach (var id in buffers.Keys.ToList())
            {
                await SendAsync(id, cancellationToken);
            }
        }
    }

    /// <summary>Sends what is left and waits for every batch's answer.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var id in buffers.Keys.ToList())
        {
            await SendAsync(id, cancellationToken);
        }

        await Task.WhenAll(sending.Values);
    }

    private async Task SendAsync(string merchantId, CancellationToken cancellationToken)
    {
        if (!buffers.Remove(merchantId, out var rows) || rows.Count == 0)
        {
            return;
        }

        buffered -= rows.Count;
        await gate.WaitAsync(cancellationToken);
        var previous = sending.GetValueOrDefault(merchantId, Task.CompletedTask);
        sending[merchantId] = SendAfterAsync(previous, merchantId, rows);
    }

    private async Task SendAfterAsync(Task previous, string merchantId, List<(MerchantEvent Record, int Line)> rows)
    {
        try
        {
            await previous;
            var outcomes = await recorder.RecordBatchAsync(merchantId, [.. rows.Select(r => r.Record)], CancellationToken.None);
            for (var i = 0; i < rows.Count; i++)
            {
                Report(rows[i].Record, rows[i].Line, outcomes[i]);
            }
        }
        catch (Exception exception) when (Problems.IsTransient(exception))
        {
            foreach (var (record, line) in rows)
            {
                report.Reject(line, record.Id, StatusCodes.Status503ServiceUnavailable, new() { ["$"] = ["Not made durable; send the file (or this row) again."] });
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private void Report(MerchantEvent record, int line, RecordOutcome outcome)
    {
        if (outcome.Receipt is { } receipt)
        {
            report.Accept(receipt);
        }
        else if (outcome.Problem is { Kind: RecordProblemKind.Conflict })
        {
            report.Reject(line, record.Id, StatusCodes.Status409Conflict, new() { [MerchantEndpoints.IdField(record.Kind)] = [new IngestionConflictException(record.Kind, record.Id).Message] });
        }
        else
        {
            report.Reject(line, record.Id, StatusCodes.Status400BadRequest, new() { [outcome.Problem!.Field!] = [outcome.Problem.Reason!] });
        }
    }
}
