namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// A grain's ring position (its uniform hash, a uint) as a PostgreSQL integer with the order kept: the sign bit is
/// flipped, which is hash - 2^31. Comparing stored values then compares ring positions, so Orleans' range
/// (begin, end] is one index range, or two when it wraps. A plain cast would put every hash above int.MaxValue
/// below zero and break the comparisons.
/// </summary>
internal static class ReminderHash
{
    public static int ToStored(uint hash) => unchecked((int)(hash ^ 0x8000_0000u));

    public static uint FromStored(int stored) => unchecked((uint)stored ^ 0x8000_0000u);
}
