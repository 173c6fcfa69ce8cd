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

/// <summary>
/// The card-token keys, section "ActorRisk:Tokenization": the original <see cref="Key"/> and/or versioned
/// <see cref="Keys"/>, one of them <see cref="Current"/>. Rotating the key: docs/operations.md, "Rotating the card-token key".
/// </summary>
public sealed class TokenizationOptions
{
    /// <summary>
    /// Base64 key (at least 32 bytes) of the HMAC-SHA256 that turns a PAN into a card token: the original key, id
    /// "original", whose tokens carry no key id. Must be set and kept stable with PostgreSQL storage (tokens are grain
    /// keys) unless <see cref="Keys"/> are given; generated per process in memory mode if no key is configured.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>
    /// Versioned card-token keys, oldest first (ActorRisk:Tokenization:Keys:0:Id, ActorRisk:Tokenization:Keys:0:Key,
    /// ...). Their tokens carry the key id ("tok_" + id + "_" + hash). Every key but <see cref="Current"/> is a previous
    /// key: a card number's token under it is looked up so the card keeps its history across a rotation.
    /// </summary>
    public List<TokenizationKeyOptions> Keys { get; set; } = [];

    /// <summary>
    /// The id of the key that makes new tokens: one of <see cref="Keys"/>, or "original" for <see cref="Key"/>. Needed
    /// when more than one key is configured; otherwise the only key is current.
    /// </summary>
    public string? Current { get; set; }
}

/// <summary>One versioned card-token key.</summary>
public sealed class TokenizationKeyOptions
{
    /// <summary>1 to 16 letters or digits, written into every token the key makes; never reused for another key.</summary>
    public string? Id { get; set; }

    /// <summary>Base64 of at least 32 random bytes (openssl rand -base64 32). A secret: never logged or shown.</summary>
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
