namespace ActorRisk.Api.Security;

/// <summary>
/// The portal's roles, separate from the API keys' <see cref="Roles"/>: portal users carry them, and access management
/// checks them. The portal's sign-in and policies live with the portal (ActorRisk.Silo, PortalAuth).
/// </summary>
public static class PortalRoleNames
{
    /// <summary>Reads everything.</summary>
    public const string Analyst = "analyst";

    /// <summary>Blocks and unblocks cards, suspends merchants, acknowledges alerts.</summary>
    public const string Operator = "operator";

    /// <summary>API keys, policies, users.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Analyst, Operator, Admin], StringComparer.Ordinal);
}
