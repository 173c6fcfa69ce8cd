using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Silo.Tests;

/// <summary>One silo for the table of bad requests; its storage records every write, so "nothing stored" is checked exactly.</summary>
public sealed class BadInputSilo : IAsyncLifetime
{
    public RecordingGrainStorage Storage { get; } = new();

    public SiloFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new SiloFactory(new SiloSetup { Storage = Storage });
        _ = Factory.Server; // start it
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Every bad request gets the right 4xx as RFC 9457 problem+json naming the failing field, never a 500, never an
/// echo of a card number, and changes nothing: no grain state written, no audit entry, the card still unknown.
/// </summary>
public sealed class BadInputTests(BadInputSilo silo) : IClassFixture<BadInputSilo>
{
    private const string Authorizations = "/v1/authorizations";
    private static readonly string ValidPan = Pans.NewValid();
    private static readonly string BadLuhnPan = Pans.WithBadCheckDigit(Pans.NewValid());

    private static readonly Dictionary<string, BadRequest> Cases = BuildCases();

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadRequestIsRefusedPreciselyAndStoresNothing(string name)
    {
        var bad = Cases[name];
        var writesBefore = silo.Storage.WriteCount;
        using var client = silo.Factory.Client(bad.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bad.Path ?? Authorizations, UriKind.Relative)) { Content = bad.Content() };

        var reply = await SiloApi.ReadAsync(await client.SendAsync(request));

        Assert.True((int)reply.Status is >= 400 and < 500, reply.ToString());
        var problem = SiloApi.AssertProblem(reply, bad.Status, bad.Fields);
        if (bad.MessageContains is { } expected)
        {
            Assert.Contains(SiloApi.Errors(problem, bad.Fields[0]), m => m.Contains(expected, StringComparison.OrdinalIgnoreCase));
        }

        // Card numbers are never echoed, valid or not.
        Assert.DoesNotContain(ValidPan, reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(BadLuhnPan, reply.Body, StringComparison.Ordinal);

        // Nothing stored: no grain wrote state, no audit entry, and the card (by token, or by the PAN's token) is unknown.
        Assert.Equal(writesBefore, silo.Storage.WriteCount);
        using var reader = silo.Factory.Client();
        foreach (var token in new[] { bad.CardToken, silo.Factory.Setup.Tokenizer().Tokenize(ValidPan).Token })
        {
            SiloApi.AssertProblem(await reader.GetReplyAsync($"/v1/cards/{token}"), HttpStatusCode.NotFound);
            Assert.Empty(await silo.Factory.Service<IAuditLog>().QueryAsync(new AuditQuery(Target: token)));
        }

        Assert.Equal(writesBefore, silo.Storage.WriteCount);
    }

    [Fact]
    public async Task TheSameRequestDoneRightIsStored()
    {
        // The control for the table: a valid request through the same path does write, so "nothing stored" can fail.
        var writesBefore = silo.Storage.WriteCount;
        using var client = silo.Factory.Client(TestKeys.Gateway);
        var token = Auth.NewToken();
        var answer = await client.AuthorizeAsync(Valid(token));
        Assert.Equal("approve", answer.Decision);
        Assert.True(silo.Storage.WriteCount > writesBefore);
        Assert.Equal(1, (await client.CardAsync(token)).Window("10m").Attempts);
    }

    [Fact]
    public async Task EveryOptionalFieldWellFormedIsAccepted()
    {
        // The other side of the table: validation is not stricter than the contract.
        using var client = silo.Factory.Client(TestKeys.Gateway);
        var body = Valid(Auth.NewToken());
        body["timestamp"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
        body["cardPresent"] = false;
        body["cvcProvided"] = true;
        body["isVerification"] = false;
        body["cardType"] = "credit";
        body["mcc"] = "5942";
        body["ipAddress"] = "2001:db8::7";
        body["deviceId"] = "device-7f3a";
        body["issuerCountry"] = "JP";
        body["unknownExtraField"] = "ignored";
        var answer = await client.AuthorizeAsync(body);
        Assert.Equal("approve", answer.Decision);

        var zeroVerification = Valid(Auth.NewToken());
        zeroVerification["amount"] = 0;
        zeroVerification["isVerification"] = true;
        zeroVerification["currency"] = "USD";
        zeroVerification["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await client.PostReplyAsync("/v1/authorizations", zeroVerification)).Status);

        // Boundaries: the largest amount, and timestamps far in the past or future (replaced by the silo's clock).
        var largest = Valid(Auth.NewToken());
        largest["amount"] = 1_000_000_000_000_000;
        Assert.Equal(HttpStatusCode.OK, (await client.PostReplyAsync("/v1/authorizations", largest)).Status);
        foreach (var timestamp in new[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2000-02-29T12:00:00.1234567-12:00" })
        {
            var stamped = Valid(Auth.NewToken());
            stamped["timestamp"] = timestamp;
            var reply = await client.PostReplyAsync("/v1/authorizations", stamped);
            Assert.True(reply.Status == HttpStatusCode.OK, $"{timestamp}: {reply}");
        }
    }

    [Fact]
    public async Task CardLookupByAnythingButATokenIs400WithoutEcho()
    {
        using var client = silo.Factory.Client();
        var reply = await client.GetReplyAsync($"/v1/cards/{ValidPan}");
        SiloApi.AssertProblem(reply, HttpStatusCode.BadRequest, "cardToken");
        Assert.DoesNotContain(ValidPan, reply.Body, StringComparison.Ordinal);
        SiloApi.AssertProblem(await client.GetReplyAsync($"/v1/cards/{Auth.NewToken()}"), HttpStatusCode.NotFound);
    }

    private static JsonObject Valid(string token) => Auth.Request(Auth.NewId("bad"), token, 1_500, "merchant-ec-1");

    private static Dictionary<string, BadRequest> BuildCases()
    {
        var cases = new Dictionary<string, BadRequest>(StringComparer.Ordinal);

        void Json(string name, Func<JsonObject, JsonObject> edit, string field, string? messageContains = null, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            var token = $"tok_{name}";
            var body = edit(Valid(token)).ToJsonString();
            cases.Add(name, new BadRequest(token, () => SiloApi.Json(body), status, [field], messageContains));
        }

        void Raw(string name, string body, HttpStatusCode status, string? mediaType = SiloApi.JsonMediaType, params string[] fields) =>
            cases.Add(name, new BadRequest($"tok_{name}", () => Content(body, mediaType), status, fields));

        JsonObject Set(JsonObject body, string field, JsonNode? value)
        {
            body[field] = value;
            return body;
        }

        JsonObject Remove(JsonObject body, string field)
        {
            body.Remove(field);
            return body;
        }

        var valid = Valid("tok_raw").ToJsonString();
        Raw("json-malformed", valid[..^12], HttpStatusCode.BadRequest, fields: "$");
        Raw("json-trailing-garbage", valid + "}", HttpStatusCode.BadRequest, fields: "$");
        Raw("json-second-object", valid + " {}", HttpStatusCode.BadRequest, fields: "$");
        Raw("json-empty-body", string.Empty, HttpStatusCode.BadRequest, fields: "$");
        Raw("json-body-is-array", $"[{valid}]", HttpStatusCode.BadRequest, fields: "$");
        Raw("json-body-is-string", "\"authorize please\"", HttpStatusCode.BadRequest, fields: "$");
        Raw("json-body-is-null", "null", HttpStatusCode.BadRequest, fields: "$");
        Raw("json-too-deep", $"{{\"authorizationId\":\"deep-1\",\"deviceId\":{new string('[', 40)}{new string(']', 40)}}}", HttpStatusCode.BadRequest, fields: "$");

        Json("authorizationId-missing", b => Remove(b, "authorizationId"), "authorizationId");
        Json("authorizationId-empty", b => Set(b, "authorizationId", string.Empty), "authorizationId");
        Json("authorizationId-too-long", b => Set(b, "authorizationId", new string('a', 65)), "authorizationId");
        Json("authorizationId-bad-characters", b => Set(b, "authorizationId", "auth 1/2"), "authorizationId");
        Json("authorizationId-number", b => Set(b, "authorizationId", 12345), "authorizationId");
        Json("merchantId-missing", b => Remove(b, "merchantId"), "merchantId");
        Json("amount-missing", b => Remove(b, "amount"), "amount");
        Json("amount-null", b => Set(b, "amount", null), "amount");
        Json("amount-string", b => Set(b, "amount", "1500"), "amount");
        Json("amount-fraction", b => Set(b, "amount", 1.5), "amount", "whole");
        Json("amount-with-exponent", b => Set(b, "amount", JsonNode.Parse("1.5e3")), "amount", "whole");
        Json("amount-negative", b => Set(b, "amount", -1), "amount", "between");
        Json("amount-1e30", b => Set(b, "amount", JsonNode.Parse("1e30")), "amount", "between");
        Json("amount-beyond-long", b => Set(b, "amount", JsonNode.Parse("99999999999999999999")), "amount", "between");
        Json("amount-above-maximum", b => Set(b, "amount", 1_000_000_000_000_001), "amount", "between");
        Json("amount-far-beyond-decimal", b => Set(b, "amount", JsonNode.Parse("-1e400")), "amount", "between");
        Json("currency-unknown", b => Set(b, "currency", "XXX"), "currency");
        Json("currency-lower-case", b => Set(b, "currency", "jpy"), "currency");
        Json("currency-missing", b => Remove(b, "currency"), "currency");
        Json("currency-number", b => Set(b, "currency", 392), "currency");

        cases.Add("card-token-and-pan", new BadRequest("tok_card-token-and-pan", () => SiloApi.Json(Set(Valid("tok_card-token-and-pan"), "pan", ValidPan).ToJsonString()), HttpStatusCode.BadRequest, ["cardToken", "pan"]));
        Json("card-neither-token-nor-pan", b => Remove(b, "cardToken"), "cardToken", messageContains: "exactly one");
        Json("card-token-malformed", b => Set(b, "cardToken", "card-4111"), "cardToken");
        Json("pan-bad-check-digit", b => Set(Remove(b, "cardToken"), "pan", BadLuhnPan), "pan");
        Json("pan-too-short", b => Set(Remove(b, "cardToken"), "pan", "41111111"), "pan");
        Json("pan-too-long", b => Set(Remove(b, "cardToken"), "pan", BadLuhnPan + "0000"), "pan");
        Json("pan-with-spaces", b => Set(Remove(b, "cardToken"), "pan", $"{ValidPan[..4]} {ValidPan[4..8]} {ValidPan[8..12]} {ValidPan[12..]}"), "pan");
        Json("pan-as-number", b => Set(Remove(b, "cardToken"), "pan", JsonNode.Parse(BadLuhnPan)), "pan");

        Json("timestamp-without-offset", b => Set(b, "timestamp", "2026-11-21T09:30:00"), "timestamp");
        Json("timestamp-not-a-date", b => Set(b, "timestamp", "yesterday"), "timestamp");
        Json("timestamp-impossible-date", b => Set(b, "timestamp", "2026-02-30T09:30:00Z"), "timestamp");
        Json("timestamp-number", b => Set(b, "timestamp", 1_763_717_400), "timestamp");
        Json("mcc-letters", b => Set(b, "mcc", "54a1"), "mcc");
        Json("mcc-five-digits", b => Set(b, "mcc", "54111"), "mcc");
        Json("ipAddress-octet-out-of-range", b => Set(b, "ipAddress", "300.1.2.3"), "ipAddress");
        Json("ipAddress-hostname", b => Set(b, "ipAddress", "pos.example.com"), "ipAddress");
        Json("cardPresent-string", b => Set(b, "cardPresent", "yes"), "cardPresent");
        Json("cvcProvided-number", b => Set(b, "cvcProvided", 1), "cvcProvided");
        Json("cardType-unknown-name", b => Set(b, "cardType", "platinum"), "cardType");
        Json("cardType-number", b => Set(b, "cardType", "2"), "cardType");
        Json("issuerCountry-lower-case", b => Set(b, "issuerCountry", "jp"), "issuerCountry");
        Json("deviceId-too-long", b => Set(b, "deviceId", new string('d', 129)), "deviceId");

        // Hostile text (issue 13): a field the reader cannot decode, or one given twice, is a 400 naming it, never a 500.
        void Bytes(string name, Func<string, byte[]> body, params string[] fields)
        {
            var token = $"tok_{name}";
            var bytes = body(Valid(token).ToJsonString());
            cases.Add(name, new BadRequest(token, () => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(SiloApi.JsonMediaType) } }, HttpStatusCode.BadRequest, fields));
        }

        byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

        byte[] InvalidUtf8In(string json, string field)
        {
            // The field's value gets two bytes that are never UTF-8 (0xFF 0xFE) in the middle.
            var marker = $"\"{field}\":\"";
            var at = json.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            return [.. Utf8(json[..at]), (byte)'a', 0xFF, 0xFE, (byte)'b', .. Utf8(json[at..])];
        }

        foreach (var field in new[] { "authorizationId", "merchantId", "currency", "cardToken" })
        {
            Bytes($"{field}-invalid-utf8", json => InvalidUtf8In(json, field), field);
            Bytes($"{field}-lone-surrogate", json => Utf8(json.Replace($"\"{field}\":\"", $"\"{field}\":\"\\ud800", StringComparison.Ordinal)), field);
            Bytes($"{field}-nul-character", json => Utf8(json.Replace($"\"{field}\":\"", $"\"{field}\":\"x\\u0000", StringComparison.Ordinal)), field);
        }

        Bytes("merchantId-raw-c1-control", json => Utf8(json.Replace("\"merchantId\":\"", "\"merchantId\":\"x\u0085", StringComparison.Ordinal)), "merchantId");
        Bytes("amount-given-twice", json => Utf8(json[..^1] + ",\"amount\":100000}"), "amount");
        Bytes("cardToken-given-twice", json => Utf8(json[..^1] + ",\"cardToken\":\"tok_other\"}"), "cardToken");
        Bytes("unknown-field-invalid-utf8", json => [.. Utf8(json[..^1] + ",\"note\":\""), 0xC3, 0x28, .. Utf8("\"}")], "note");
        Bytes("property-name-with-nul", json => Utf8(json[..^1] + ",\"x\\u0000\":1}"), "$");
        Bytes("property-name-empty", json => Utf8(json[..^1] + ",\"\":1}"), "$");
        Bytes("nested-lone-surrogate", json => Utf8(json[..^1] + ",\"extra\":{\"deep\":[\"\\udfff\"]}}"), "extra.deep[0]");

        Raw("media-type-text-plain", valid, HttpStatusCode.UnsupportedMediaType, "text/plain");
        Raw("media-type-missing", valid, HttpStatusCode.UnsupportedMediaType, mediaType: null);
        Raw("media-type-form", "authorizationId=a1&amount=1", HttpStatusCode.UnsupportedMediaType, "application/x-www-form-urlencoded");

        // Over MaxRequestBodyBytes (16 KiB by default): announced by Content-Length, and streamed without one.
        var huge = Set(Valid("tok_too-large"), "deviceId", new string('d', 17 * 1024)).ToJsonString();
        cases.Add("body-too-large", new BadRequest("tok_too-large", () => SiloApi.Json(huge), HttpStatusCode.RequestEntityTooLarge, []));
        cases.Add("body-too-large-chunked", new BadRequest("tok_too-large", () => new UnknownLengthContent(huge), HttpStatusCode.RequestEntityTooLarge, []));

        // Authentication and roles: nothing happens without the right key.
        cases.Add("no-api-key", new BadRequest("tok_no-api-key", () => SiloApi.Json(Valid("tok_no-api-key").ToJsonString()), HttpStatusCode.Unauthorized, []) { ApiKey = null });
        cases.Add("wrong-api-key", new BadRequest("tok_wrong-api-key", () => SiloApi.Json(Valid("tok_wrong-api-key").ToJsonString()), HttpStatusCode.Unauthorized, []) { ApiKey = TestKeys.Gateway + "x" });
        cases.Add("operator-key-authorizing", new BadRequest("tok_operator-key", () => SiloApi.Json(Valid("tok_operator-key").ToJsonString()), HttpStatusCode.Forbidden, []) { ApiKey = TestKeys.Operator });
        cases.Add("gateway-key-blocking", new BadRequest("tok_gateway-blocks", () => SiloApi.Json("""{"reason":"looks like card testing"}"""), HttpStatusCode.Forbidden, [])
        {
            ApiKey = TestKeys.Gateway,
            Path = "/v1/cards/tok_gateway-blocks/block",
        });
        cases.Add("gateway-key-unblocking", new BadRequest("tok_gateway-unblocks", () => SiloApi.Json("""{"reason":"customer called"}"""), HttpStatusCode.Forbidden, [])
        {
            ApiKey = TestKeys.Gateway,
            Path = "/v1/cards/tok_gateway-unblocks/unblock",
        });
        cases.Add("no-api-key-blocking", new BadRequest("tok_anonymous-blocks", () => SiloApi.Json("""{"reason":"x"}"""), HttpStatusCode.Unauthorized, [])
        {
            ApiKey = null,
            Path = "/v1/cards/tok_anonymous-blocks/block",
        });

        // Operator actions validate too.
        cases.Add("block-without-reason", new BadRequest("tok_block-no-reason", () => SiloApi.Json("{}"), HttpStatusCode.BadRequest, ["reason"]) { Path = "/v1/cards/tok_block-no-reason/block" });
        cases.Add("block-until-in-the-past", new BadRequest("tok_block-past", () => SiloApi.Json("""{"reason":"fraud ring","until":"2020-01-01T00:00:00Z"}"""), HttpStatusCode.BadRequest, ["until"])
        {
            Path = "/v1/cards/tok_block-past/block",
        });
        cases.Add("block-malformed-token", new BadRequest("tok_block-bad-token", () => SiloApi.Json("""{"reason":"fraud ring"}"""), HttpStatusCode.BadRequest, ["cardToken"])
        {
            Path = $"/v1/cards/{ValidPan}/block",
        });
        cases.Add("block-whitespace-reason", new BadRequest("tok_block-blank-reason", () => SiloApi.Json("""{"reason":"   "}"""), HttpStatusCode.BadRequest, ["reason"])
        {
            Path = "/v1/cards/tok_block-blank-reason/block",
        });
        cases.Add("unblock-whitespace-reason", new BadRequest("tok_unblock-blank-reason", () => SiloApi.Json("""{"reason":"\t\n"}"""), HttpStatusCode.BadRequest, ["reason"])
        {
            Path = "/v1/cards/tok_unblock-blank-reason/unblock",
        });
        cases.Add("block-reason-too-long", new BadRequest("tok_block-long-reason", () => SiloApi.Json(new JsonObject { ["reason"] = new string('r', 501) }.ToJsonString()), HttpStatusCode.BadRequest, ["reason"])
        {
            Path = "/v1/cards/tok_block-long-reason/block",
        });
        cases.Add("outcome-authorizationId-too-long", new BadRequest("tok_outcome", () => SiloApi.Json("""{"approved":true}"""), HttpStatusCode.BadRequest, ["authorizationId"])
        {
            Path = $"/v1/authorizations/{new string('a', 65)}/outcome",
        });
        cases.Add("outcome-approved-missing", new BadRequest("tok_outcome", () => SiloApi.Json("""{"declineCode":"05"}"""), HttpStatusCode.BadRequest, ["approved"])
        {
            Path = "/v1/authorizations/auth-outcome-1/outcome",
        });
        cases.Add("outcome-approved-string", new BadRequest("tok_outcome", () => SiloApi.Json("""{"approved":"false"}"""), HttpStatusCode.BadRequest, ["approved"])
        {
            Path = "/v1/authorizations/auth-outcome-1/outcome",
        });
        return cases;
    }

    private static ByteArrayContent Content(string body, string? mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        }

        return content;
    }

    private sealed record BadRequest(string CardToken, Func<HttpContent> Content, HttpStatusCode Status, string[] Fields, string? MessageContains = null)
    {
        public string? ApiKey { get; init; } = TestKeys.Admin;

        public string? Path { get; init; }
    }
}

/// <summary>A JSON body sent without Content-Length (chunked), so the server only learns its size by reading it.</summary>
public sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] bytes;

    public UnknownLengthContent(string json)
    {
        bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new MediaTypeHeaderValue(SiloApi.JsonMediaType);
    }

    // One write: on a real socket the whole body is on its way before the server can answer 413 and close, so the
    // client reads the answer instead of a reset (a client still writing after the close would see the reset).
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
