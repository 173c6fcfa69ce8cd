namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// Etags of the membership table: a new random value on every write, never a counter, so an etag read before a
/// cluster's rows were deleted and written again can never match the new rows.
/// </summary>
internal static class MembershipEtag
{
    public static string New() => Guid.NewGuid().ToString("N");
}
