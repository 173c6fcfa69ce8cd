namespace ActorRisk.Abstractions.Merchants;

/// <summary>
/// A merchant's past months from the system it ran on before, one row per month and network. <see cref="Replace"/>:
/// a row for a month imported before with other totals replaces it (and the later months are evaluated again)
/// instead of being refused. <see cref="AllOrNothing"/>: one refused row refuses the whole import (one merchant's
/// request); otherwise the other rows are imported (a portfolio file).
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.history-import")]
public sealed record HistoryImport(
    [property: Id(0)] ImmutableArray<ReportedMonth> Months,
    [property: Id(1)] bool Replace = false,
    [property: Id(2)] bool AllOrNothing = true);

/// <summary>What became of one row of a history import.</summary>
[GenerateSerializer, Alias("actorrisk.history-row-status")]
public enum HistoryRowStatus
{
    /// <summary>A month and network not imported before: counted now.</summary>
    Imported,

    /// <summary>The same totals as imported before: nothing changed.</summary>
    Unchanged,

    /// <summary>Other totals than imported before, and the import said to replace them.</summary>
    Replaced,

    /// <summary>Not imported: <see cref="HistoryRowOutcome.Problem"/> says why.</summary>
    Refused,
}

/// <summary>One row's outcome; a refused row has the field at fault (named as the API names it) and the reason.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.history-row-outcome")]
public sealed record HistoryRowOutcome(
    [property: Id(0)] YearMonth Month,
    [property: Id(1)] CardNetwork Network,
    [property: Id(2)] HistoryRowStatus Status,
    [property: Id(3)] RecordProblem? Problem = null);

/// <summary>
/// What a history import did: each row's outcome in order, the months evaluated again (the earliest changed month
/// through the last closed one; empty when nothing changed), and the merchant afterwards.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.history-import-result")]
public sealed record HistoryImportResult(
    [property: Id(0)] ImmutableArray<HistoryRowOutcome> Rows,
    [property: Id(1)] ImmutableArray<YearMonth> Evaluated,
    [property: Id(2)] MerchantSnapshot Merchant)
{
    public bool Changed => !Evaluated.IsEmpty;
}
