namespace ActorRisk.Abstractions.Merchants;

/// <summary>What became of one record of a batch: its receipt (first or replayed), or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.record-outcome")]
public sealed record RecordOutcome([property: Id(0)] IngestionReceipt? Receipt, [property: Id(1)] RecordProblem? Problem)
{
    public static RecordOutcome Of(IngestionReceipt receipt) => new(receipt, null);

    /// <summary>The id was recorded before with other content.</summary>
    public static RecordOutcome Conflict() => new(null, new RecordProblem(RecordProblemKind.Conflict, null, null));

    /// <summary>The record cannot be counted; <paramref name="field"/> is at fault.</summary>
    public static RecordOutcome Rejected(string field, string reason) => new(null, new RecordProblem(RecordProblemKind.Rejected, field, reason));
}

[GenerateSerializer, Alias("actorrisk.record-problem-kind")]
public enum RecordProblemKind
{
    Conflict,
    Rejected,
}

/// <summary>Why a record was refused: a conflicting id, or a field the merchant cannot count.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.record-problem")]
public sealed record RecordProblem([property: Id(0)] RecordProblemKind Kind, [property: Id(1)] string? Field, [property: Id(2)] string? Reason)
{
    /// <summary>The exception a single-record call answers with.</summary>
    public Exception ToException(MerchantEvent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Kind == RecordProblemKind.Conflict
            ? new IngestionConflictException(record.Kind, record.Id)
            : new MerchantEventRejectedException(Field!, Reason!);
    }
}
