namespace ActorRisk.Silo.Portal;

/// <summary>The portal's cookie sign-in, roles and policies (separate from the API's keys and roles).</summary>
public static class PortalAuth
{
    public const string Scheme = "Portal";

    /// <summary>Reads everything.</summary>
    public const string Analyst = "analyst";

    /// <summary>Blocks and unblocks cards, suspends merchants, acknowledges alerts.</summary>
    public const string Operator = "operator";

    /// <summary>API keys, policies, users.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> Roles = new HashSet<string>([Analyst, Operator, Admin], StringComparer.Ordinal);

    /// <summary>Policy names for [Authorize(Policy = ...)] on portal pages.</summary>
    public static class Policies
    {
        public const string Read = "portal-read";
        public const string Operate = "portal-operate";
        public const string Administer = "portal-administer";
    }
}
