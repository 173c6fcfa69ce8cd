namespace ActorRisk.Portal.Components.Actions;

/// <summary>The reason an operator gives for an action: required, because it is what the audit log keeps, and bounded as the API bounds it.</summary>
public static class ActionReason
{
    public const int MaxLength = 500;

    /// <summary>Why <paramref name="reason"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string? reason) => reason?.Trim() switch
    {
        null or { Length: 0 } => "Give a reason: it goes into the audit log.",
        { Length: > MaxLength } => $"Keep the reason to {MaxLength} characters.",
        _ => null,
    };
}
