namespace ActorRisk.Silo.Hosting;

/// <summary>
/// The silo's settings, section "ActorRisk" (environment: ActorRisk__Storage, ActorRisk__Demo__SeedData, ...). The
/// API's settings in the same section (keys, tokenization, body limits) are ActorRisk.Api's ApiOptions.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "ActorRisk";

    /// <summary>"memory" (embedded default), "postgres" or "azure"; a grain store connection string alone selects postgres.</summary>
    public string? Storage { get; set; }

    /// <summary>"silo" (default: grains, API and portal in one process) or "api" (API and portal over an Orleans client, in postgres or azure mode).</summary>
    public string? Role { get; set; }

    /// <summary>The role <see cref="Role"/> names, or a message saying what the choices are.</summary>
    public HostRole HostRole => (Role ?? "silo").ToLowerInvariant() switch
    {
        "silo" => HostRole.Silo,
        "api" => HostRole.Api,
        _ => throw new InvalidOperationException($"Unknown role '{Role}': use silo (grains, API and portal) or api (API and portal over an Orleans client)."),
    };

    public DemoOptions Demo { get; set; } = new();

    /// <summary>
    /// USD per one major unit of each currency merchants' records may use, keyed by its code (<c>ExchangeRates:JPY</c>):
    /// Visa's thresholds are in USD. USD needs none; a record in a currency without a rate is refused.
    /// </summary>
    public Dictionary<string, decimal> ExchangeRates { get; set; } = [];

    public MerchantOptions Merchants { get; set; } = new();
}

public sealed class MerchantOptions
{
    /// <summary>
    /// How long after its end a month closes on its own, so late disputes still count in it; records after that are
    /// late. 0 to 90 days.
    /// </summary>
    public TimeSpan MonthCloseGrace { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Card testing at a merchant: this many distinct cards (at least 2) with small authorizations within <see cref="CardTestingWindow"/>.</summary>
    public int CardTestingDistinctCards { get; set; } = 10;

    /// <summary>The window in which <see cref="CardTestingDistinctCards"/> small authorizations make card testing.</summary>
    public TimeSpan CardTestingWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the merchant's stricter card policy lasts after the signal (extended while it persists).</summary>
    public TimeSpan CardTestingLockdown { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest grace period: a later close would hold program results back for a season.</summary>
    public static readonly TimeSpan MaxMonthCloseGrace = TimeSpan.FromDays(90);

    /// <summary>Refuses settings the merchant grains cannot work with, naming the key at fault.</summary>
    public void Validate()
    {
        const string prefix = $"{SiloOptions.Section}:Merchants:";
        if (MonthCloseGrace < TimeSpan.Zero || MonthCloseGrace > MaxMonthCloseGrace)
        {
            throw new InvalidOperationException($"{prefix}{nameof(MonthCloseGrace)} is {MonthCloseGrace}: use 0 to {MaxMonthCloseGrace.TotalDays:0} days (e.g. 3.00:00:00).");
        }

        if (CardTestingDistinctCards < 2)
        {
            throw new InvalidOperationException($"{prefix}{nameof(CardTestingDistinctCards)} is {CardTestingDistinctCards}: at least 2 distinct cards make card testing.");
        }

        foreach (var (name, value) in new[] { (nameof(CardTestingWindow), CardTestingWindow), (nameof(CardTestingLockdown), CardTestingLockdown) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"{prefix}{name} is {value}: it must be positive (e.g. 00:10:00).");
            }
        }
    }
}

public sealed class DemoOptions
{
    /// <summary>Load demo data at start (a few shoppers and one blocked card-testing burst). Default: on in memory mode, off with PostgreSQL.</summary>
    public bool? SeedData { get; set; }
}
