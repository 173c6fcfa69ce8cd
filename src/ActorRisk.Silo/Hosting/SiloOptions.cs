namespace ActorRisk.Silo.Hosting;

/// <summary>
/// The silo's settings, section "ActorRisk" (environment: ActorRisk__Storage, ActorRisk__Demo__SeedData, ...). The
/// API's settings in the same section (keys, tokenization, body limits) are ActorRisk.Api's ApiOptions.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "ActorRisk";

    /// <summary>"memory" (embedded default) or "postgres". Set by --storage; a connection string alone also selects postgres.</summary>
    public string? Storage { get; set; }

    public DemoOptions Demo { get; set; } = new();

    /// <summary>USD per one major unit of each currency merchants' records may use (Visa's thresholds are in USD). USD needs none.</summary>
    public Dictionary<string, decimal> ExchangeRates { get; set; } = [];

    public MerchantOptions Merchants { get; set; } = new();
}

public sealed class MerchantOptions
{
    /// <summary>How long after its end a month closes on its own, so late disputes still count in it.</summary>
    public TimeSpan MonthCloseGrace { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Card testing at a merchant: this many distinct cards with small authorizations within CardTestingWindow.</summary>
    public int CardTestingDistinctCards { get; set; } = 10;

    public TimeSpan CardTestingWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the merchant's stricter card policy lasts after the signal (extended while it persists).</summary>
    public TimeSpan CardTestingLockdown { get; set; } = TimeSpan.FromHours(24);
}

public sealed class DemoOptions
{
    /// <summary>Load demo data at start (a few shoppers and one blocked card-testing burst). Default: on in memory mode, off with PostgreSQL.</summary>
    public bool? SeedData { get; set; }
}
