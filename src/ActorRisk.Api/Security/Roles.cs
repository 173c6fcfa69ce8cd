namespace ActorRisk.Api.Security;

/// <summary>The roles an API key holds. What each role may call is <see cref="ApiPermissions.Table"/>, not here.</summary>
public static class Roles
{
    /// <summary>Point-of-sale and e-commerce gateways: authorizations, outcomes, and a card they hold the token of.</summary>
    public const string Gateway = "gateway";

    /// <summary>The acquirer's back-office systems: settlement batches, disputes and fraud reports; merchant reads.</summary>
    public const string BackOffice = "backoffice";

    /// <summary>Risk analysts' tools: read cards, merchants and alerts; change nothing.</summary>
    public const string Analyst = "analyst";

    /// <summary>Risk operators: what analysts read, plus block cards, manage merchants and acknowledge alerts.</summary>
    public const string Operator = "operator";

    /// <summary>Administrators: every permission, including authorizing and closing months.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Gateway, BackOffice, Analyst, Operator, Admin], StringComparer.Ordinal);
}
