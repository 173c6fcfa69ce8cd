using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ActorRisk.Client;

/// <summary>
/// A typed client for gateways. Every call has a per-attempt timeout and is retried on transient failures with
/// the same body, so a retried authorization carries the same authorizationId and is counted once by the silo.
/// </summary>
public sealed class ActorRiskClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient http;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly string authorizationPath;

    public ActorRiskClient(HttpClient http, ActorRiskClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        authorizationPath = options.AuthorizationPath;
        http.BaseAddress ??= options.BaseAddress;
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            http.DefaultRequestHeaders.Remove("X-Api-Key");
            http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
        }

        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                OnRetry = static args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    private long retries;

    /// <summary>How many retries this client has made (for load generators and diagnostics).</summary>
    public long Retries => Interlocked.Read(ref retries);

    public Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<AuthorizationResult>(HttpMethod.Post, authorizationPath, request, cancellationToken);

    public Task<OutcomeResult> ReportOutcomeAsync(string authorizationId, bool approved, string? declineCode = null, CancellationToken cancellationToken = default) =>
        SendAsync<OutcomeResult>(HttpMethod.Post, $"v1/authorizations/{Uri.EscapeDataString(authorizationId)}/outcome", new { approved, declineCode }, cancellationToken);

    public async Task<CardView?> GetCardAsync(string cardToken, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync<CardView>(HttpMethod.Get, $"v1/cards/{Uri.EscapeDataString(cardToken)}", null, cancellationToken);
        }
        catch (ActorRiskApiException exception) when (exception.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<CardView> BlockCardAsync(string cardToken, string reason, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        SendAsync<CardView>(HttpMethod.Post, $"v1/cards/{Uri.EscapeDataString(cardToken)}/block", new { reason, until }, cancellationToken);

    public Task<CardView> UnblockCardAsync(string cardToken, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<CardView>(HttpMethod.Post, $"v1/cards/{Uri.EscapeDataString(cardToken)}/unblock", new { reason }, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        // Serialized once, with a Content-Length: a chunked body costs the server extra reads, and every retry
        // must send the same bytes.
        var payload = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json);
        var attempt = 0;
        using var response = await pipeline.ExecuteAsync(
            async token =>
            {
                if (attempt++ > 0)
                {
                    Interlocked.Increment(ref retries);
                }

                using var message = new HttpRequestMessage(method, path);
                if (payload is not null)
                {
                    message.Content = new ByteArrayContent(payload) { Headers = { ContentType = new("application/json") { CharSet = "utf-8" } } };
                }

                return await http.SendAsync(message, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        if (response.IsSuccessStatusCode)
        {
            return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false))!;
        }

        throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ActorRiskApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? title = response.ReasonPhrase, detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : title;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in e.EnumerateObject())
                {
                    errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty)];
                }
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy error page, say): status and reason phrase are all there is.
        }

        return new ActorRiskApiException(response.StatusCode, title, detail, errors);
    }
}
