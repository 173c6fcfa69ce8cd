using ActorRisk.Api.Security;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>The API keys every test silo is configured with.</summary>
public static class TestKeys
{
    /// <summary>ActorRisk:Demo:ApiKey: every role, audited as "demo".</summary>
    public const string Admin = "ar_test_admin_4f6c1b2e9d";
    public const string AdminName = "demo";

    /// <summary>A POS gateway: authorizations and outcomes only.</summary>
    public const string Gateway = "ar_test_gateway_8a71c0";
    public const string GatewayName = "pos-gateway-1";

    /// <summary>A risk operator: block, unblock, read.</summary>
    public const string Operator = "ar_test_operator_55d2e7";
    public const string OperatorName = "ops-alice";

    /// <summary>The acquirer's back office: settlement batches, disputes and fraud reports, and reads.</summary>
    public const string BackOffice = "ar_test_backoffice_3c9e4a";
    public const string BackOfficeName = "backoffice-batch-1";

    /// <summary>A risk analysts' tool: reads cards, merchants and alerts.</summary>
    public const string Analyst = "ar_test_analyst_71b0d4";
    public const string AnalystName = "risk-dashboard";

    /// <summary>The admin role alone (the demo key holds every role, so it cannot show what admin alone may do).</summary>
    public const string AdminOnly = "ar_test_adminonly_c28e15";
    public const string AdminOnlyName = "ops-admin";

    /// <summary>Each role's key, holding that role alone.</summary>
    public static IReadOnlyDictionary<string, string> ByRole { get; } = new Dictionary<string, string>
    {
        [Roles.Gateway] = Gateway,
        [Roles.BackOffice] = BackOffice,
        [Roles.Analyst] = Analyst,
        [Roles.Operator] = Operator,
        [Roles.Admin] = AdminOnly,
    };

    /// <summary>The configuration that sets these keys (API keys by SHA-256 hash, as in production).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings()
    {
        yield return new("ActorRisk:Demo:ApiKey", Admin);
        yield return new("ActorRisk:ApiKeys:0:Name", GatewayName);
        yield return new("ActorRisk:ApiKeys:0:Sha256", ApiKeyStore.Hash(Gateway));
        yield return new("ActorRisk:ApiKeys:0:Roles:0", "gateway");
        yield return new("ActorRisk:ApiKeys:1:Name", OperatorName);
        yield return new("ActorRisk:ApiKeys:1:Sha256", ApiKeyStore.Hash(Operator));
        yield return new("ActorRisk:ApiKeys:1:Roles:0", "operator");
        yield return new("ActorRisk:ApiKeys:2:Name", BackOfficeName);
        yield return new("ActorRisk:ApiKeys:2:Sha256", ApiKeyStore.Hash(BackOffice));
        yield return new("ActorRisk:ApiKeys:2:Roles:0", "backoffice");
        yield return new("ActorRisk:ApiKeys:3:Name", AnalystName);
        yield return new("ActorRisk:ApiKeys:3:Sha256", ApiKeyStore.Hash(Analyst));
        yield return new("ActorRisk:ApiKeys:3:Roles:0", "analyst");
        yield return new("ActorRisk:ApiKeys:4:Name", AdminOnlyName);
        yield return new("ActorRisk:ApiKeys:4:Sha256", ApiKeyStore.Hash(AdminOnly));
        yield return new("ActorRisk:ApiKeys:4:Roles:0", "admin");
    }
}
