using System.Text.Json.Nodes;

namespace ActorRisk.Silo.Tests;

/// <summary>What only the real server does: Kestrel's own body limit, chunked uploads, loopback HTTP.</summary>
public sealed class KestrelTests
{
    [Fact]
    public async Task OversizedBodiesAre413OnKestrelWithOrWithoutContentLength()
    {
        await using var silo = await KestrelSilo.StartAsync(new SiloSetup());
        using var gateway = silo.Client(TestKeys.Gateway);
        var token = Auth.NewToken();
        var huge = Auth.Request(Auth.NewId(), token, 1_000, "merchant-ec-1");
        huge["deviceId"] = new string('d', 17 * 1024);

        foreach (var chunked in new[] { false, true })
        {
            var (status, head, body) = await RawHttp.PostAsync(silo.Address, "/v1/authorizations", TestKeys.Gateway, huge.ToJsonString(), chunked);
            Assert.True(status == 413, $"chunked={chunked}: {head}\n{body}");
            Assert.Contains("Content-Type: application/problem+json", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"status\":413", body, StringComparison.Ordinal);
        }

        // Just under the limit is read (and refused for its over-long deviceId, not for its size).
        var nearLimit = Auth.Request(Auth.NewId(), token, 1_000, "merchant-ec-1");
        nearLimit["deviceId"] = new string('d', 15 * 1024);
        SiloApi.AssertProblem(await gateway.PostReplyAsync("/v1/authorizations", new UnknownLengthContent(nearLimit.ToJsonString())), HttpStatusCode.BadRequest, "deviceId");

        SiloApi.AssertProblem(await gateway.GetReplyAsync($"/v1/cards/{token}"), HttpStatusCode.NotFound);

        // The silo still answers normally afterwards.
        var answer = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), token, 1_000, "merchant-ec-1"));
        Assert.Equal("approve", answer.Decision);
        using var anonymous = silo.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetReplyAsync("/health/ready")).Status);
    }

    [Fact]
    public async Task ABodyArrivingInManyPiecesIsReadWhole()
    {
        await using var silo = await KestrelSilo.StartAsync(new SiloSetup());
        var token = Auth.NewToken();
        var request = Auth.Request(Auth.NewId(), token, 1_000, "merchant-ec-1").ToJsonString();

        // Whitespace is valid JSON: 12 KB spans several of Kestrel's buffers, with and without Content-Length.
        foreach (var chunked in new[] { false, true })
        {
            var padded = request[..^1] + new string(' ', 12 * 1024) + "}\n";
            var (status, head, body) = await RawHttp.PostAsync(silo.Address, "/v1/authorizations", TestKeys.Gateway, padded, chunked);
            Assert.True(status == 200, $"chunked={chunked}: {head}\n{body}");
            Assert.Contains("\"decision\":\"approve\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AuthorizationByPanOverLoopbackAnswersWithTokenAndLastFourOnly()
    {
        var setup = new SiloSetup();
        await using var silo = await KestrelSilo.StartAsync(setup);
        using var gateway = silo.Client(TestKeys.Gateway);
        var pan = Pans.NewValid();

        var reply = await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(Auth.NewId(), pan, 2_400, "merchant-ec-1"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.DoesNotContain(pan, reply.Body, StringComparison.Ordinal);
        var answer = reply.As<AuthorizationReply>();
        Assert.Equal(setup.Tokenizer().Tokenize(pan).Token, answer.CardToken);
        Assert.Equal(pan[^4..], answer.Last4);
        var fields = reply.Json().EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.DoesNotContain("pan", fields);
        _ = JsonNode.Parse(reply.Body);
    }
}
