namespace ActorRisk.Portal.Live;

/// <summary>Log messages of live pages that read again when something arrives.</summary>
internal static partial class LiveReadLog
{
    /// <summary>A live page could not read again (a store outage, a silo going away): it keeps showing what it last read.</summary>
    [LoggerMessage(452, LogLevel.Warning, "The {Page} page could not read again after a live update; it keeps what it last read")]
    public static partial void ReadFailed(ILogger logger, string page, Exception exception);
}
