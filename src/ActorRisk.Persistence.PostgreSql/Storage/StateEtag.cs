using System.Globalization;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>The ETag is the row's version as a decimal string: "1" after the first write, one more per write.</summary>
internal static class StateEtag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version an ETag names; null for no ETag (the record must not exist).</summary>
    public static long? Parse(string? etag, StateKey key)
    {
        if (etag is null)
        {
            return null;
        }

        // Not a version of ours (say, from another storage): it cannot match what is stored.
        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new InconsistentStateException($"The ETag '{etag}' of {key} is not a version written by the PostgreSQL grain storage.", storedEtag: null, currentEtag: etag);
    }
}
