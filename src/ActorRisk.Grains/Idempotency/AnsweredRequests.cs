namespace ActorRisk.Grains.Idempotency;

/// <summary>
/// The answered requests a grain keeps, oldest first. Each is kept for the retention period (IdempotencyOptions)
/// and dropped by the first write after that: the list holds a grain's last days of requests, not its history.
/// </summary>
public static class AnsweredRequests
{
    /// <summary>The answer to <paramref name="id"/>, unless it was given before <paramref name="forgetBefore"/> (or never).</summary>
    public static AnsweredRequest<TAnswer>? Find<TAnswer>(ImmutableArray<AnsweredRequest<TAnswer>> answered, string scope, string id, DateTimeOffset forgetBefore)
    {
        // Newest first: a retry usually follows its request within seconds.
        for (var i = answered.Length - 1; i >= 0 && answered[i].At >= forgetBefore; i--)
        {
            var entry = answered[i];
            if (entry.Id == id && entry.Scope == scope)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The list with <paramref name="entry"/> added and every entry older than the retention dropped.</summary>
    public static ImmutableArray<AnsweredRequest<TAnswer>> Add<TAnswer>(ImmutableArray<AnsweredRequest<TAnswer>> answered, AnsweredRequest<TAnswer> entry, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var oldest = entry.At - retention;
        var expired = 0;
        while (expired < answered.Length && answered[expired].At < oldest)
        {
            expired++;
        }

        return (expired == 0 ? answered : answered.RemoveRange(0, expired)).Add(entry);
    }
}
