namespace ActorRisk.Abstractions;

/// <summary>The grain storage providers ActorRisk's grains name; each deployment mode binds them to a store.</summary>
public static class StorageNames
{
    /// <summary>Grain state: memory, PostgreSQL or Azure Table storage.</summary>
    public const string Default = "Default";

    /// <summary>
    /// Merchant summaries, the state the merchant lists are queried from: memory (listed in process) or PostgreSQL
    /// (indexed) in every durable mode, so lists by risk, program or status stay a query over grain state.
    /// </summary>
    public const string MerchantSummaries = "MerchantSummaries";

    /// <summary>Orleans' stream subscriptions (pub-sub) of the live streams.</summary>
    public const string PubSub = "PubSubStore";
}
