using System.Text;

namespace ActorRisk.Cluster.Tests.Support;

/// <summary>The few API calls the cluster tests make, answered as JSON.</summary>
public static class ClusterApi
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(this HttpClient client, string path, JsonNode body)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>POST /v1/authorizations, expecting 200.</summary>
    public static async Task<JsonObject> AuthorizeAsync(this HttpClient client, JsonObject body)
    {
        var (status, answer) = await client.PostAsync("/v1/authorizations", body);
        Assert.True(status == HttpStatusCode.OK, $"POST /v1/authorizations {body["authorizationId"]}: {(int)status} {answer?.ToJsonString()}");
        return answer!.AsObject();
    }

    /// <summary>
    /// POST /v1/authorizations as a gateway sends it: a 503 (a grain whose silo just died, before the cluster knows)
    /// is sent again with the same id until it is answered, for at most a minute.
    /// </summary>
    public static async Task<JsonObject> AuthorizeRetryingAsync(this HttpClient client, JsonObject body)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var (status, answer) = await client.PostAsync("/v1/authorizations", body);
            if (status == HttpStatusCode.OK)
            {
                return answer!.AsObject();
            }

            Assert.True(status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline, $"POST /v1/authorizations {body["authorizationId"]}: {(int)status} {answer?.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>A small online authorization with the security code (JPY 100): only the velocity limits decide it.</summary>
    public static JsonObject SmallAuthorization(string card, string merchantId) => new()
    {
        ["authorizationId"] = $"auth-{Guid.NewGuid():N}",
        ["cardToken"] = card,
        ["merchantId"] = merchantId,
        ["amount"] = 100,
        ["currency"] = "JPY",
        ["cardPresent"] = false,
        ["cvcProvided"] = true,
        ["mcc"] = "5411",
    };

    /// <summary>How many authorizations the card counted in the last 24 hours (GET /v1/cards/{token}).</summary>
    public static async Task<int> AttemptsAsync(this HttpClient client, string card)
    {
        var body = JsonNode.Parse(await client.GetStringAsync(new Uri($"/v1/cards/{card}", UriKind.Relative)))!;
        return body["counters"]!.AsArray().Single(c => (string?)c!["window"] == "24h")!["attempts"]!.GetValue<int>();
    }

    public static string NewCard() => $"tok_{Guid.NewGuid():N}";
}
