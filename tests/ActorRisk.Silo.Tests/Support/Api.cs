using System.Text;
using System.Text.Json.Nodes;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>An HTTP answer: status, media type and body text.</summary>
public sealed record Reply(HttpStatusCode Status, string? MediaType, string Body)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public T As<T>() => JsonSerializer.Deserialize<T>(Body, Web) ?? throw new InvalidOperationException($"Empty body: {Body}");

    public override string ToString() => $"{(int)Status} {MediaType}: {Body}";
}

/// <summary>Requests and assertions for the silo's HTTP API.</summary>
public static class SiloApi
{
    public const string JsonMediaType = "application/json";
    public const string ProblemMediaType = "application/problem+json";

    public static StringContent Json(string json, string mediaType = JsonMediaType) => new(json, Encoding.UTF8, mediaType);

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
    }

    public static async Task<Reply> PostReplyAsync(this HttpClient client, string path, object body) =>
        await ReadAsync(await client.PostAsync(new Uri(path, UriKind.Relative), body as HttpContent ?? Json(body)));

    public static async Task<Reply> GetReplyAsync(this HttpClient client, string path) =>
        await ReadAsync(await client.GetAsync(new Uri(path, UriKind.Relative)));

    /// <summary>POST /v1/authorizations, expecting 200.</summary>
    public static async Task<AuthorizationReply> AuthorizeAsync(this HttpClient client, object body)
    {
        var reply = await client.PostReplyAsync("/v1/authorizations", body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST /v1/authorizations: {reply}");
        Assert.Equal(JsonMediaType, reply.MediaType);
        return reply.As<AuthorizationReply>();
    }

    public static Task<Reply> OutcomeAsync(this HttpClient client, string authorizationId, bool approved, string? declineCode = null) =>
        client.PostReplyAsync($"/v1/authorizations/{authorizationId}/outcome", new JsonObject { ["approved"] = approved, ["declineCode"] = declineCode });

    /// <summary>GET /v1/cards/{token}, expecting 200.</summary>
    public static async Task<CardReply> CardAsync(this HttpClient client, string cardToken)
    {
        var reply = await client.GetReplyAsync($"/v1/cards/{cardToken}");
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET /v1/cards/{cardToken}: {reply}");
        return reply.As<CardReply>();
    }

    /// <summary>Asserts an RFC 9457 problem+json answer with <paramref name="status"/>; for 400, that it names one of <paramref name="fields"/>.</summary>
    public static JsonElement AssertProblem(Reply reply, HttpStatusCode status, params string[] fields)
    {
        Assert.True(reply.Status == status, $"Expected {(int)status}, got {reply}");
        Assert.True(reply.MediaType == ProblemMediaType, $"Expected problem+json, got {reply}");
        var problem = reply.Json();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), reply.Body);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()), reply.Body);
        if (fields.Length > 0)
        {
            var named = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
            Assert.True(named.Intersect(fields).Any(), $"Expected an error for {string.Join(" or ", fields)}, got {reply}");
            Assert.All(problem.GetProperty("errors").EnumerateObject(), p => Assert.NotEmpty(p.Value.EnumerateArray()));
        }

        return problem;
    }

    /// <summary>The messages the problem gives for <paramref name="field"/>.</summary>
    public static IReadOnlyList<string> Errors(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];
}

/// <summary>Builds authorization requests as a gateway sends them.</summary>
public static class Auth
{
    /// <summary>A fresh authorization id, unique in the test process.</summary>
    public static string NewId(string prefix = "auth") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A fresh card token (as a gateway that tokenizes itself would send).</summary>
    public static string NewToken() => $"tok_{Guid.NewGuid():N}";

    /// <summary>
    /// An authorization body; <paramref name="card"/> is a token (tok_...) or a PAN. Online with CVC by default,
    /// so only velocity decides.
    /// </summary>
    public static JsonObject Request(
        string authorizationId,
        string card,
        long amount,
        string merchantId = "merchant-tokyo-1",
        string currency = "JPY",
        bool cardPresent = false,
        bool? cvcProvided = true,
        string? mcc = "5411")
    {
        var body = new JsonObject { ["authorizationId"] = authorizationId };
        body[card.StartsWith("tok_", StringComparison.Ordinal) ? "cardToken" : "pan"] = card;
        body["merchantId"] = merchantId;
        body["amount"] = amount;
        body["currency"] = currency;
        body["cardPresent"] = cardPresent;
        if (cvcProvided is not null)
        {
            body["cvcProvided"] = cvcProvided;
        }

        if (mcc is not null)
        {
            body["mcc"] = mcc;
        }

        return body;
    }
}

public sealed record ReasonReply(string Code, string Action, string Message);

public sealed record AuthorizationReply(
    string AuthorizationId,
    string CardToken,
    string? Last4,
    string Decision,
    IReadOnlyList<ReasonReply> Reasons,
    bool CardBlocked,
    DateTimeOffset? CardBlockedUntil,
    DateTimeOffset DecidedAt,
    bool Replayed)
{
    public IReadOnlyList<string> Codes => [.. Reasons.Select(r => r.Code)];
}

public sealed record MoneyReply(long Amount, string Currency);

public sealed record BlockReply(DateTimeOffset Since, DateTimeOffset? Until, string ReasonCode, string Reason, string? BlockedBy);

public sealed record CounterReply(string Window, int Attempts, int SmallAuthorizations, int IssuerDeclines, int DistinctMerchants);

public sealed record DecisionReply(
    string AuthorizationId,
    DateTimeOffset At,
    string MerchantId,
    MoneyReply Amount,
    string Decision,
    IReadOnlyList<string> ReasonCodes,
    bool SmallAuthorization,
    bool? IssuerApproved);

public sealed record CardReply(
    string CardToken,
    string? Last4,
    bool Blocked,
    BlockReply? Block,
    IReadOnlyList<CounterReply> Counters,
    IReadOnlyList<DecisionReply> RecentDecisions,
    DateTimeOffset? LastActivityAt)
{
    public CounterReply Window(string name) => Counters.Single(c => c.Window == name);
}
