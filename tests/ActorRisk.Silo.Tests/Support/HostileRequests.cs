using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>What a hostile request needs from the silo it is sent to: things that exist, so only the hostile part is wrong.</summary>
public interface IHostileTarget
{
    /// <summary>A merchant with records.</summary>
    string MerchantId { get; }

    /// <summary>A card with activity.</summary>
    string CardToken { get; }

    /// <summary>An authorization the silo decided (its outcome may be reported).</summary>
    string AuthorizationId { get; }

    /// <summary>An alert in the outbox.</summary>
    string AlertId { get; }
}

/// <summary>One request of the hostile-input table: how to send it, what answer it must get, and the route's good request.</summary>
/// <param name="Route">The route's name ("authorize", "sale", ...).</param>
/// <param name="Send">The hostile request.</param>
/// <param name="Status">The status it must get; null: any 4xx.</param>
/// <param name="Field">The field its problem must name; null: any or none.</param>
/// <param name="Good">The same route's good request, sent after it: the silo must still serve it.</param>
public sealed record HostileRequest(string Route, Func<IHostileTarget, HttpRequestMessage> Send, HttpStatusCode? Status, string? Field, Func<IHostileTarget, HttpRequestMessage> Good);

/// <summary>
/// The hostile-input table: every route of the API, each sent malformed and overlong UTF-8, surrogates, NUL and
/// control characters, duplicate keys, deep nesting, huge and negative numbers, wrong types, 20 MB bodies, wrong content
/// types, months out of range, and path traversal and SQL in ids. Ids in bodies are fresh per request (merchants
/// included), so a grain written for one would be a grain no good request named.
/// </summary>
public static class HostileRequests
{
    private const string Json = "application/json";
    private const string Ndjson = "application/x-ndjson";
    private const int TwentyMegabytes = 20 * 1024 * 1024;

    public static IReadOnlyDictionary<string, HostileRequest> All { get; } = Build();

    private static Dictionary<string, HostileRequest> Build()
    {
        var rows = new Dictionary<string, HostileRequest>(StringComparer.Ordinal);
        foreach (var route in BodyRoutes())
        {
            AddBodyRows(rows, route);
        }

        AddPathRows(rows);
        AddMonthRows(rows);
        AddQueryRows(rows);
        AddBulkRows(rows);
        return rows;
    }

    private sealed record BodyRoute(
        string Name,
        HttpMethod Method,
        Func<IHostileTarget, string> Path,
        Func<IHostileTarget, JsonObject> Body,
        string[] Ids,
        string[] Texts,
        string[] Numbers,
        string[] Booleans);

    private static IEnumerable<BodyRoute> BodyRoutes()
    {
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return new("authorize", HttpMethod.Post, _ => "/v1/authorizations", _ => Auth.Request(Auth.NewId("hostile"), Auth.NewToken(), 1_500, MerchantApi.NewMerchantId("hostile")),
            ["authorizationId", "merchantId", "cardToken"], ["currency", "mcc"], ["amount"], ["cardPresent", "cvcProvided"]);
        yield return new("outcome", HttpMethod.Post, t => $"/v1/authorizations/{t.AuthorizationId}/outcome", _ => new JsonObject { ["approved"] = false, ["declineCode"] = "05" },
            ["declineCode"], [], [], ["approved"]);
        yield return new("sale", HttpMethod.Post, _ => MerchantApi.Sales, _ => MerchantApi.SalesBatch(MerchantApi.NewId("batch"), MerchantApi.NewMerchantId("hostile"), CardNetwork.Visa, 10, 30_000, "USD", cardPresent: false, today),
            ["batchId", "merchantId"], ["network", "currency", "date"], ["count", "amount"], ["cardPresent"]);
        yield return new("dispute", HttpMethod.Post, _ => MerchantApi.Disputes, _ => MerchantApi.Dispute(MerchantApi.NewId("dispute"), MerchantApi.NewMerchantId("hostile"), CardNetwork.Visa, 2_500, "USD", today),
            ["disputeId", "merchantId", "reasonCode"], ["network", "currency", "date"], ["amount"], ["fraud"]);
        yield return new("fraud-report", HttpMethod.Post, _ => MerchantApi.FraudReports, _ => MerchantApi.FraudReport(MerchantApi.NewId("report"), MerchantApi.NewMerchantId("hostile"), CardNetwork.Visa, 2_500, "USD", today),
            ["reportId", "merchantId"], ["network", "currency", "date"], ["amount"], []);
        yield return new("block", HttpMethod.Post, _ => $"/v1/cards/{Auth.NewToken()}/block", _ => new JsonObject { ["reason"] = "hostile input table" },
            [], ["reason"], [], []);
        yield return new("unblock", HttpMethod.Post, _ => $"/v1/cards/{Auth.NewToken()}/unblock", _ => new JsonObject { ["reason"] = "hostile input table" },
            [], ["reason"], [], []);
        yield return new("profile", HttpMethod.Put, t => $"/v1/merchants/{t.MerchantId}/profile", _ => new JsonObject { ["mcc"] = "5411", ["highBrandRisk"] = false, ["regulatedMarket"] = false, ["reason"] = "hostile input table" },
            [], ["mcc", "reason"], [], ["highBrandRisk", "regulatedMarket"]);
        yield return new("suspend", HttpMethod.Post, _ => $"/v1/merchants/{MerchantApi.NewMerchantId("hostile")}/suspend", _ => new JsonObject { ["reason"] = "hostile input table" },
            [], ["reason"], [], []);
        yield return new("reinstate", HttpMethod.Post, _ => $"/v1/merchants/{MerchantApi.NewMerchantId("hostile")}/reinstate", _ => new JsonObject { ["reason"] = "hostile input table" },
            [], ["reason"], [], []);
        yield return new("acknowledge", HttpMethod.Post, t => $"/v1/alerts/{t.AlertId}/acknowledge", _ => new JsonObject { ["reason"] = "hostile input table" },
            [], ["reason"], [], []);
    }

    private static void AddBodyRows(Dictionary<string, HostileRequest> rows, BodyRoute route)
    {
        HttpRequestMessage Good(IHostileTarget target) => Request(route.Method, route.Path(target), Bytes(route.Body(target).ToJsonString()), Json);

        void Add(string name, Func<string, byte[]> mutate, string? field, HttpStatusCode? status = HttpStatusCode.BadRequest, string mediaType = Json) =>
            rows.Add($"{route.Name}: {name}", new HostileRequest(route.Name, t => Request(route.Method, route.Path(t), mutate(route.Body(t).ToJsonString()), mediaType), status, field, Good));

        foreach (var field in route.Ids.Concat(route.Texts))
        {
            Add($"{field} invalid UTF-8", json => InsertBytes(json, field, [0xFF, 0xFE]), field);
            Add($"{field} overlong UTF-8 '/'", json => InsertBytes(json, field, [0xC0, 0xAF]), field);
            Add($"{field} overlong 3-byte UTF-8", json => InsertBytes(json, field, [0xE0, 0x80, 0xAF]), field);
            Add($"{field} UTF-8 encoded surrogate", json => InsertBytes(json, field, [0xED, 0xA0, 0x80]), field);
            Add($"{field} lone surrogate escape", json => Bytes(Prefix(json, field, "\\ud800")), field);
            Add($"{field} NUL", json => Bytes(Prefix(json, field, "x\\u0000")), field);
            Add($"{field} raw C1 control", json => Bytes(Prefix(json, field, "x\u0085")), field);
            Add($"{field} escape character", json => Bytes(Prefix(json, field, "\\u001b[2J")), field);
            Add($"{field} as a number", json => Bytes(Set(json, field, 12345)), field);
            Add($"{field} as an object", json => Bytes(Set(json, field, new JsonObject { ["$ne"] = "" })), field);
            Add($"{field} as an array", json => Bytes(Set(json, field, new JsonArray("a", "b"))), field);
            Add($"{field} given twice", json => Bytes(json[..^1] + $",\"{field}\":{JsonNode.Parse(json)![field]!.ToJsonString()}}}"), field);
        }

        foreach (var field in route.Ids)
        {
            Add($"{field} path traversal", json => Bytes(Set(json, field, "../../../etc/passwd")), field);
            Add($"{field} SQL", json => Bytes(Set(json, field, "x' OR '1'='1")), field);
            Add($"{field} SQL comment", json => Bytes(Set(json, field, "1;DROP TABLE grain_state;--")), field);
            Add($"{field} 10,000 characters", json => Bytes(Set(json, field, new string('a', 10_000))), field);
        }

        foreach (var field in route.Numbers)
        {
            Add($"{field} negative", json => Bytes(Set(json, field, -1)), field);
            Add($"{field} long.MinValue", json => Bytes(Set(json, field, long.MinValue)), field);
            Add($"{field} beyond long", json => Bytes(Set(json, field, JsonNode.Parse("99999999999999999999999"))), field);
            Add($"{field} 1e308", json => Bytes(Set(json, field, JsonNode.Parse("1e308"))), field);
            Add($"{field} -1e400", json => Bytes(Set(json, field, JsonNode.Parse("-1e400"))), field);
            Add($"{field} fraction", json => Bytes(Set(json, field, 1.5)), field);
            Add($"{field} as a string", json => Bytes(Set(json, field, "100")), field);
            Add($"{field} as a boolean", json => Bytes(Set(json, field, true)), field);
            Add($"{field} null", json => Bytes(Set(json, field, null)), field);
            Add($"{field} given twice", json => Bytes(json[..^1] + $",\"{field}\":1}}"), field);
        }

        foreach (var field in route.Booleans)
        {
            Add($"{field} as a string", json => Bytes(Set(json, field, "true")), field);
            Add($"{field} as a number", json => Bytes(Set(json, field, 1)), field);
            Add($"{field} given twice", json => Bytes(json[..^1] + $",\"{field}\":true}}"), field);
        }

        Add("malformed JSON", json => Bytes(json[..^3]), "$");
        Add("a second document", json => Bytes(json + "{}"), "$");
        Add("an array", json => Bytes($"[{json}]"), "$");
        Add("a string", _ => Bytes("\"hello\""), "$");
        Add("empty body", _ => [], "$");
        Add("UTF-8 byte order mark", json => [0xEF, 0xBB, 0xBF, .. Bytes(json)], "$");
        Add("nesting 5,000 deep", json => Bytes(json[..^1] + ",\"x\":" + new string('[', 5_000) + new string(']', 5_000) + "}"), "$");
        Add("nesting 17 objects deep", json => Bytes(json[..^1] + ",\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 17)) + "1" + new string('}', 17) + "}"), "$");
        Add("20 MB body", json => Bytes(json[..^1] + ",\"x\":\"" + new string('a', TwentyMegabytes) + "\"}"), null, HttpStatusCode.RequestEntityTooLarge);
        Add("text/plain", Bytes, null, HttpStatusCode.UnsupportedMediaType, "text/plain");
        Add("application/xml", _ => Bytes("<authorization/>"), null, HttpStatusCode.UnsupportedMediaType, "application/xml");
        Add("form-urlencoded", _ => Bytes("reason=x&amount=1"), null, HttpStatusCode.UnsupportedMediaType, "application/x-www-form-urlencoded");
        Add("application/json-seq", Bytes, null, HttpStatusCode.UnsupportedMediaType, "application/json-seq");
        Add("UTF-16 charset", json => Encoding.Unicode.GetBytes(json), null, HttpStatusCode.UnsupportedMediaType, "application/json; charset=utf-16");
        rows.Add($"{route.Name}: 20 MB body without Content-Length", new HostileRequest(route.Name, t =>
        {
            var request = new HttpRequestMessage(route.Method, new Uri(route.Path(t), UriKind.Relative));
            request.Content = new UnknownLengthContent(route.Body(t).ToJsonString()[..^1] + ",\"x\":\"" + new string('a', TwentyMegabytes) + "\"}");
            return request;
        }, HttpStatusCode.RequestEntityTooLarge, null, Good));
        rows.Add($"{route.Name}: no Content-Type", new HostileRequest(route.Name, t =>
        {
            var request = new HttpRequestMessage(route.Method, new Uri(route.Path(t), UriKind.Relative));
            request.Content = new ByteArrayContent(Bytes(route.Body(t).ToJsonString()));
            return request;
        }, HttpStatusCode.UnsupportedMediaType, null, Good));
    }

    /// <summary>Ids in paths: each route that takes one, sent values that are no id at all.</summary>
    private static void AddPathRows(Dictionary<string, HostileRequest> rows)
    {
        var routes = new (string Name, HttpMethod Method, string Template, string Field, Func<IHostileTarget, string> GoodId, string? Body)[]
        {
            ("card", HttpMethod.Get, "/v1/cards/{0}", "cardToken", t => t.CardToken, null),
            ("block path", HttpMethod.Post, "/v1/cards/{0}/block", "cardToken", _ => Auth.NewToken(), """{"reason":"hostile input table"}"""),
            ("outcome path", HttpMethod.Post, "/v1/authorizations/{0}/outcome", "authorizationId", t => t.AuthorizationId, """{"approved":false,"declineCode":"05"}"""),
            ("merchant", HttpMethod.Get, "/v1/merchants/{0}", "merchantId", t => t.MerchantId, null),
            ("profile path", HttpMethod.Put, "/v1/merchants/{0}/profile", "merchantId", t => t.MerchantId, """{"mcc":"5411","reason":"hostile input table"}"""),
            ("suspend path", HttpMethod.Post, "/v1/merchants/{0}/suspend", "merchantId", _ => MerchantApi.NewMerchantId("hostile"), """{"reason":"hostile input table"}"""),
            ("acknowledge path", HttpMethod.Post, "/v1/alerts/{0}/acknowledge", "alertId", t => t.AlertId, """{"reason":"hostile input table"}"""),
        };
        var values = new (string Name, string Segment)[]
        {
            ("encoded path traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
            ("backslash traversal", "..%5C..%5Cwindows%5Cwin.ini"),
            ("SQL", "x'%20OR%20'1'%3D'1"),
            ("SQL comment", "1%3BDROP%20TABLE%20grain_state--"),
            ("control character", "tok_%01"),
            ("overlong UTF-8", "tok_%C0%AF"),
            ("invalid UTF-8", "tok_%FF%FE"),
            ("CR LF", "tok_x%0D%0ASet-Cookie:%20a%3Db"),
            ("right-to-left override", "tok_%E2%80%AEcba"),
            ("300 characters", "tok_" + new string('a', 300)),
        };
        foreach (var route in routes)
        {
            HttpRequestMessage Good(IHostileTarget target) => Request(route.Method, string.Format(CultureInfo.InvariantCulture, route.Template, route.GoodId(target)), route.Body is null ? null : Bytes(route.Body), Json);
            foreach (var value in values)
            {
                rows.Add($"{route.Name}: {value.Name}", new HostileRequest(route.Name, _ =>
                    Request(route.Method, string.Format(CultureInfo.InvariantCulture, route.Template, value.Segment), route.Body is null ? null : Bytes(route.Body), Json), null, null, Good));
            }
        }
    }

    /// <summary>Months that the domain cannot represent or close: each a 400 naming the month.</summary>
    private static void AddMonthRows(Dictionary<string, HostileRequest> rows)
    {
        var lastMonth = YearMonth.Of(DateTimeOffset.UtcNow).AddMonths(-1).ToString();
        HttpRequestMessage Good(IHostileTarget _) => Request(HttpMethod.Post, $"/v1/months/{lastMonth}/close", Bytes("{}"), Json);
        foreach (var month in new[]
        {
            "0000-01", "0001-00", "9998-12", "9999-12", "10000-01", "2026-13", "2026-00", "2026-1", "-2026-01", "+2026-01", "2026-01-01",
            "2026-01%01", "2026%2F01", "..%2F2026-01", "2026-01'%3B--", " 2026-01", "２０２６-０１", "9999999999-01",
        })
        {
            rows.Add($"close month: {month}", new HostileRequest("close month", _ => Request(HttpMethod.Post, $"/v1/months/{month}/close", Bytes("{}"), Json), HttpStatusCode.BadRequest, "month", Good));
        }
    }

    /// <summary>List routes' query strings: wrong types, out of range, repeated, and text that is no id.</summary>
    private static void AddQueryRows(Dictionary<string, HostileRequest> rows)
    {
        void Add(string route, string goodQuery, string query, string field)
        {
            var path = route.Split('?')[0];
            rows.Add($"{route}: ?{query}", new HostileRequest(route, _ => Request(HttpMethod.Get, $"{path}?{query}", null, Json), HttpStatusCode.BadRequest, field,
                _ => Request(HttpMethod.Get, $"{path}?{goodQuery}", null, Json)));
        }

        foreach (var (query, field) in new[]
        {
            ("last4=12345", "last4"), ("last4=abcd", "last4"), ("last4=%00%00%00%00", "last4"), ("last4=4242&last4=1111", "last4"),
            ("merchantId=x'%20OR%201%3D1--", "merchantId"), ("merchantId=..%2F..%2Fetc", "merchantId"), ("merchantId=" + new string('m', 65), "merchantId"),
            ("last4=4242&limit=-1", "limit"), ("last4=4242&limit=0", "limit"), ("last4=4242&limit=99999999999", "limit"), ("last4=4242&limit=abc", "limit"),
            ("last4=4242&limit=1&limit=2", "limit"), ("limit=5", "last4"),
        })
        {
            Add("/v1/cards", "last4=4242", query, field);
        }

        foreach (var (query, field) in new[]
        {
            ("q=x'%20OR%201%3D1--", "q"), ("q=%25", "q"), ("q=a%00", "q"), ("q=" + new string('q', 65), "q"), ("sort=1;DROP", "sort"), ("sort=risk&sort=fines", "sort"),
            ("program=XXX", "program"), ("status=%3Cscript%3E", "status"), ("page=0", "page"), ("page=-1", "page"), ("page=99999999999", "page"),
            ("pageSize=0", "pageSize"), ("pageSize=100000", "pageSize"), ("pageSize=1e3", "pageSize"),
        })
        {
            Add("/v1/merchants", "page=1", query, field);
        }

        foreach (var (query, field) in new[]
        {
            ("merchantId=x'%20OR%201%3D1--", "merchantId"), ("kind=evil", "kind"), ("acknowledged=maybe", "acknowledged"), ("acknowledged=1", "acknowledged"),
            ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=abc", "limit"), ("limit=%2B5", "limit"),
        })
        {
            Add("/v1/alerts", "limit=5", query, field);
        }
    }

    /// <summary>Bulk files in anything but NDJSON in UTF-8 (bad rows inside a file are each rejected alone: MerchantBulkTests).</summary>
    private static void AddBulkRows(Dictionary<string, HostileRequest> rows)
    {
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var routes = new (string Path, Func<IHostileTarget, JsonObject> Row)[]
        {
            ("/v1/sales:batch", t => MerchantApi.SalesBatch(MerchantApi.NewId("batch"), t.MerchantId, CardNetwork.Visa, 10, 30_000, "USD", cardPresent: true, today)),
            ("/v1/disputes:batch", t => MerchantApi.Dispute(MerchantApi.NewId("dispute"), t.MerchantId, CardNetwork.Visa, 2_500, "USD", today)),
            ("/v1/fraud-reports:batch", t => MerchantApi.FraudReport(MerchantApi.NewId("report"), t.MerchantId, CardNetwork.Visa, 2_500, "USD", today)),
        };
        foreach (var (path, row) in routes)
        {
            HttpRequestMessage Good(IHostileTarget target) => Request(HttpMethod.Post, path, Bytes(row(target).ToJsonString() + "\n"), Ndjson);
            foreach (var (name, mediaType) in new[] { ("application/json", Json), ("text/plain", "text/plain"), ("multipart", "multipart/form-data; boundary=x"), ("UTF-16 charset", Ndjson + "; charset=utf-16"), ("ndjson look-alike", "application/x-ndjsonx") })
            {
                rows.Add($"{path}: {name}", new HostileRequest(path, t => Request(HttpMethod.Post, path, Bytes(row(t).ToJsonString() + "\n"), mediaType), HttpStatusCode.UnsupportedMediaType, null, Good));
            }

            rows.Add($"{path}: no Content-Type", new HostileRequest(path, t =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
                request.Content = new ByteArrayContent(Bytes(row(t).ToJsonString() + "\n"));
                return request;
            }, HttpStatusCode.UnsupportedMediaType, null, Good));
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, byte[]? body, string mediaType)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        return request;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Set(string json, string field, JsonNode? value)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body[field] = value;
        return body.ToJsonString();
    }

    // The field made a string if it is not one, so bytes and escapes go inside a string value.
    private static string AsString(string json, string field) =>
        JsonNode.Parse(json)![field] is JsonValue value && value.TryGetValue<string>(out _) ? json : Set(json, field, "v");

    private static string Prefix(string json, string field, string escaped)
    {
        var text = AsString(json, field);
        var marker = $"\"{field}\":\"";
        return text.Replace(marker, marker + escaped, StringComparison.Ordinal);
    }

    private static byte[] InsertBytes(string json, string field, byte[] bytes)
    {
        var text = AsString(json, field);
        var marker = $"\"{field}\":\"";
        var at = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return [.. Bytes(text[..at]), (byte)'a', .. bytes, (byte)'b', .. Bytes(text[at..])];
    }
}
