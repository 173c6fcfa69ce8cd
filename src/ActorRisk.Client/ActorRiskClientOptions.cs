namespace ActorRisk.Client;

public sealed class ActorRiskClientOptions
{
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5080");

    public string ApiKey { get; set; } = "";

    /// <summary>Time allowed for one attempt; risk answers are budgeted in milliseconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after a timeout, a connection error, 408, 429 or 5xx. Safe: authorizations are idempotent by id.</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Relative path of the authorization endpoint (a benchmark may point it at the silo's baseline).</summary>
    public string AuthorizationPath { get; set; } = "v1/authorizations";
}
