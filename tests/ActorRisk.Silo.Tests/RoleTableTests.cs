using System.Text;
using System.Text.RegularExpressions;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;

namespace ActorRisk.Silo.Tests;

/// <summary>One silo whose storage records every write, so the role table's calls are shown to store nothing.</summary>
public sealed class RoleTableSilo : IAsyncLifetime
{
    public RecordingGrainStorage Storage { get; } = new();

    public SiloFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new SiloFactory(new SiloSetup { Storage = Storage });
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The API's access model, <see cref="ApiPermissions.Table"/>, checked against the routes the silo really serves: every
/// /v1 route requires exactly one permission, each role's key gets through to exactly the routes its permissions name
/// (and 403 problem+json elsewhere), and docs/api.md prints the same table.
/// </summary>
public sealed partial class RoleTableTests(RoleTableSilo silo) : IClassFixture<RoleTableSilo>
{
    public static TheoryData<string, string> PermissionsByRole()
    {
        var data = new TheoryData<string, string>();
        foreach (var permission in ApiPermissions.Table)
        {
            foreach (var role in Roles.All.Order(StringComparer.Ordinal))
            {
                data.Add(permission.Name, role);
            }
        }

        return data;
    }

    [Fact]
    public void EveryRouteRequiresExactlyOnePermissionFromTheTable()
    {
        var routes = ApiRoutes(silo.Factory);

        Assert.True(routes.Count >= 20, $"only {routes.Count} /v1 routes found");
        Assert.All(routes, r => Assert.Contains(ApiPermissions.Table, p => p.Name == r.Permission));
        Assert.All(ApiPermissions.Table, p => Assert.Contains(routes, r => r.Permission == p.Name));
    }

    [Fact]
    public void AdminHoldsEveryPermissionAndEveryRoleHoldsOne()
    {
        Assert.All(ApiPermissions.Table, p => Assert.Contains(Roles.Admin, p.Roles));
        Assert.All(Roles.All, role => Assert.Contains(ApiPermissions.Table, p => p.Roles.Contains(role)));
        Assert.All(ApiPermissions.Table, p => Assert.All(p.Roles, r => Assert.Contains(r, Roles.All)));
        Assert.Equal(ApiPermissions.Table.Count, ApiPermissions.Table.Select(p => p.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(PermissionsByRole))]
    public async Task EachRoleReachesExactlyTheRoutesItsPermissionsName(string permission, string role)
    {
        var allowed = ApiPermissions.Table.Single(p => p.Name == permission).Roles.Contains(role);
        var writesBefore = silo.Storage.WriteCount;
        using var client = silo.Factory.Client(TestKeys.ByRole[role]);

        foreach (var route in ApiRoutes(silo.Factory).Where(r => r.Permission == permission))
        {
            // Ids that name nothing and an empty body: a caller that may call the route gets a 4xx about its input (or
            // an empty list), never a change, so the whole table runs against one silo and stores nothing.
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(route.Sample, UriKind.Relative));
            if (route.Method != "GET")
            {
                request.Content = SiloApi.Json("{}", route.Pattern.EndsWith(":batch", StringComparison.Ordinal) ? "application/x-ndjson" : SiloApi.JsonMediaType);
            }

            var reply = await SiloApi.ReadAsync(await client.SendAsync(request));

            if (allowed)
            {
                Assert.True(reply.Status is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) && (int)reply.Status < 500, $"{role} on {route}: {reply}");
            }
            else
            {
                Assert.True(reply.Status == HttpStatusCode.Forbidden, $"{role} on {route}: {reply}");
                SiloApi.AssertProblem(reply, HttpStatusCode.Forbidden);
            }
        }

        Assert.Equal(writesBefore, silo.Storage.WriteCount);
    }

    [Fact]
    public async Task AdminAuthorizesAndGatewayNeitherReadsMerchantsNorSearchesCardsAndBackOfficeReadsNoCard()
    {
        var token = Auth.NewToken();
        using var admin = silo.Factory.Client(TestKeys.AdminOnly);
        var decided = await admin.AuthorizeAsync(Auth.Request(Auth.NewId(), token, 5_000));
        Assert.Equal("approve", decided.Decision);

        using var gateway = silo.Factory.Client(TestKeys.Gateway);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetReplyAsync($"/v1/cards/{token}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.GetReplyAsync("/v1/merchants")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.GetReplyAsync("/v1/merchants/merchant-tokyo-1")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.GetReplyAsync("/v1/alerts")).Status);

        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        Assert.Equal(HttpStatusCode.Forbidden, (await backOffice.GetReplyAsync($"/v1/cards/{token}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await backOffice.GetReplyAsync("/v1/merchants")).Status);

        using var analyst = silo.Factory.Client(TestKeys.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetReplyAsync($"/v1/cards/{token}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetReplyAsync("/v1/merchants")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostReplyAsync($"/v1/cards/{token}/block", new { reason = "analysts only read" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostReplyAsync("/v1/authorizations", Auth.Request(Auth.NewId(), token, 5_000))).Status);
    }

    [Fact]
    public async Task DocsPrintTheTableTheSiloEnforces()
    {
        var expected = new StringBuilder()
            .AppendLine("| permission | roles | routes |")
            .AppendLine("|---|---|---|");
        var routes = ApiRoutes(silo.Factory);
        foreach (var permission in ApiPermissions.Table)
        {
            var paths = routes.Where(r => r.Permission == permission.Name).Select(r => $"`{r.Method} {r.Pattern}`");
            expected.AppendLine($"| `{permission.Name}` | {string.Join(", ", permission.Roles)} | {string.Join(", ", paths)} |");
        }

        var docs = await Repository.ReadAsync("docs", "api.md");
        var printed = PermissionTable().Match(docs);

        Assert.True(printed.Success, "docs/api.md has no block between <!-- permissions --> and <!-- /permissions -->");
        var table = expected.ToString().ReplaceLineEndings("\n").Trim();
        Assert.True(table == printed.Groups["table"].Value.ReplaceLineEndings("\n").Trim(), $"docs/api.md should print, between the markers:\n{table}");
    }

    /// <summary>The silo's /v1 routes, each with its one permission and a sample path whose ids name nothing.</summary>
    private static List<ApiRoute> ApiRoutes(SiloFactory factory)
    {
        var sources = factory.Services.GetServices<EndpointDataSource>();
        var routes = new List<ApiRoute>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (!pattern.StartsWith("/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            Assert.True(policies.Count == 1, $"{pattern} requires {policies.Count} policies: {string.Join(", ", policies)}");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add(new ApiRoute(method, pattern, policies[0]));
            }
        }

        return [.. routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }


    [GeneratedRegex(@"<!-- permissions -->(?<table>.*?)<!-- /permissions -->", RegexOptions.Singleline)]
    private static partial Regex PermissionTable();

    private sealed record ApiRoute(string Method, string Pattern, string Permission)
    {
        public string Sample => Pattern
            .Replace("{cardToken}", "tok_role-table", StringComparison.Ordinal)
            .Replace("{merchantId}", "m-role-table", StringComparison.Ordinal)
            .Replace("{authorizationId}", "auth-role-table", StringComparison.Ordinal)
            .Replace("{alertId}", "alert-role-table", StringComparison.Ordinal)
            .Replace("{month}", "not-a-month", StringComparison.Ordinal);

        public override string ToString() => $"{Method} {Pattern}";
    }
}
