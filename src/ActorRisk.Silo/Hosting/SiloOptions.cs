namespace ActorRisk.Silo.Hosting;

/// <summary>The silo's settings, section "ActorRisk" (environment: ActorRisk__Storage, ActorRisk__Demo__ApiKey, ...).</summary>
public sealed class SiloOptions
{
    public const string Section = "ActorRisk";

    /// <summary>"memory" (embedded default) or "postgres". Set by --storage; a connection string alone also selects postgres.</summary>
    public string? Storage { get; set; }

    public TokenizationOptions Tokenization { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    /// <summary>API keys, stored as SHA-256 hashes (hex), never in clear.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Largest accepted request body, bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Largest accepted bulk upload (NDJSON), bytes. Each line is still limited to <see cref="MaxRequestBodyBytes"/>.</summary>
    public long MaxBulkBodyBytes { get; set; } = 256L * 1024 * 1024;

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

public sealed class TokenizationOptions
{
    /// <summary>
    /// Base64 key (at least 32 bytes) of the HMAC-SHA256 that turns a PAN into a card token. Must be set and kept
    /// stable with PostgreSQL storage (tokens are grain keys); generated per process in memory mode if absent.
    /// </summary>
    public string? Key { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>One API key with every role, for demos and black-box tests. Generated and printed at start when no key is configured.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Load demo data at start (a few shoppers and one blocked card-testing burst). Default: on in memory mode, off with PostgreSQL.</summary>
    public bool? SeedData { get; set; }
}

public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>gateway, operator, admin.</summary>
    public List<string> Roles { get; set; } = [];
}
