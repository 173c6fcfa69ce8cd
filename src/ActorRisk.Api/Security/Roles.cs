namespace ActorRisk.Api.Security;

public static class Roles
{
    /// <summary>Point-of-sale and e-commerce gateways: authorizations and outcomes.</summary>
    public const string Gateway = "gateway";

    /// <summary>Risk operators: block and unblock cards, read everything.</summary>
    public const string Operator = "operator";

    /// <summary>Administrators: keys, policies, month closes.</summary>
    public const string Admin = "admin";

    /// <summary>The acquirer's back-office systems: settlement batches, disputes and fraud reports.</summary>
    public const string BackOffice = "backoffice";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Gateway, Operator, Admin, BackOffice], StringComparer.Ordinal);
}

public static class Policies
{
    public const string Gateway = "gateway";
    public const string Operator = "operator";
    public const string Reader = "reader";
    public const string Ingest = "ingest";
    public const string Admin = "admin";
}
