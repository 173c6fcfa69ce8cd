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
    }
}
