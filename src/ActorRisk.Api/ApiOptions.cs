namespace ActorRisk.Api;

/// <summary>The API's settings, section "ActorRisk" (environment: ActorRisk__ApiKeys__0__Name, ActorRisk__Tokenization__Key, ...).</summary>
public sealed class ApiOptions
{
    public const string Section = "ActorRisk";

    public TokenizationOptions Tokenization { get; set; } = new();

    public ApiDemoOptions Demo { get; set; } = new();

    /// <summary>API keys, stored as SHA-256 hashes (hex), never in clear.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Largest accepted request body, bytes; a larger one is answered 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Largest accepted history import of one merchant (POST /v1/merchants/{id}/history), bytes: its 240 rows with every
    /// field, indented, take about 200 KiB.
    /// </summary>
    public long MaxHistoryBodyBytes { get; set; } = 512 * 1024;

    /// <summary>Largest accepted bulk upload (NDJSON, history batches included), bytes. Each line is still limited to <see cref="MaxRequestBodyBytes"/>.</summary>
    public long MaxBulkBodyBytes { get; set; } = 256L * 1024 * 1024;

    public BenchmarkOptions Benchmark { get; set; } = new();
}

public sealed class TokenizationOptions
{
    /// <summary>
    /// Base64 key (at least 32 bytes) of the HMAC-SHA256 that turns a PAN into a card token. Must be set and kept
    /// stable with PostgreSQL storage (tokens are grain keys); generated per process in memory mode if absent.
    /// </summary>
    public string? Key { get; set; }
}

public sealed class ApiDemoOptions
{
    /// <summary>One API key with every role, for demos and black-box tests. Generated and printed at start when no key is configured.</summary>
    public string? ApiKey { get; set; }
}

public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key, as the audit log and the portal name it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The key's roles: gateway, backoffice, analyst, operator or admin (docs/api.md lists what each may call).</summary>
    public List<string> Roles { get; set; } = [];
}

public sealed class BenchmarkOptions
{
    /// <summary>Maps POST /bench/bare, the benchmarks' baseline (see BaselineEndpoint). Off in production.</summary>
    public bool BareEndpoint { get; set; }
}
