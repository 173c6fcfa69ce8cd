using ActorRisk.Api.Access;
using ActorRisk.Api.Security;
using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// Portal users and API keys managed by administrators: kept by the access grain, merged with the configured ones,
/// applied at once (a revoked key, a disabled user), refused when they clash with configuration, kept across
/// restarts in PostgreSQL, and audited without a secret.
/// </summary>
public sealed class AccessManagementTests
{
    private const string Admin = "admin";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task AKeyCreatedByAnAdministratorAuthenticatesWithItsRolesAndARevokedOneIsRefusedAtOnce()
    {
        await using var silo = new SiloFactory();
        var access = silo.Service<AccessOperations>();

        var created = await access.CreateApiKeyAsync("pos-gateway-2", [Roles.Gateway], "New gateway for the Osaka stores.", Admin);
        Assert.True(created.Succeeded, created.Error);
        var key = created.NewApiKey!;
        Assert.StartsWith(AccessOperations.KeyPrefix, key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40, key);

        using var client = silo.Client(key);
        var card = $"/v1/cards/{Auth.NewToken()}";
        SiloApi.AssertProblem(await client.GetReplyAsync(card), HttpStatusCode.NotFound); // a gateway may read a card: it got past the roles
        SiloApi.AssertProblem(await client.GetReplyAsync("/v1/merchants"), HttpStatusCode.Forbidden);
        var suspend = await client.PostReplyAsync($"/v1/merchants/m-{Guid.NewGuid():N}/suspend", new { reason = "not a gateway's call" });
        SiloApi.AssertProblem(suspend, HttpStatusCode.Forbidden);
        Assert.Equal("pos-gateway-2", silo.Service<ApiKeyStore>().Find(key)!.Name);

        // The key is in nobody's hands but the caller's: the stored state has its hash only.
        var state = await access.CurrentAsync();
        Assert.Equal(ApiKeyStore.Hash(key), state.ApiKey("pos-gateway-2")!.Sha256);
        Assert.DoesNotContain(key, JsonSerializer.Serialize(state), StringComparison.Ordinal);

        var revoked = await access.RevokeApiKeyAsync("pos-gateway-2", "Gateway replaced.", Admin);
        Assert.True(revoked.Succeeded, revoked.Error);
        SiloApi.AssertProblem(await client.GetReplyAsync(card), HttpStatusCode.Unauthorized);
        Assert.Null(silo.Service<ApiKeyStore>().Find(key));

        // A revoked key's name is not reused, and revoking twice says so.
        Assert.False((await access.CreateApiKeyAsync("pos-gateway-2", [Roles.Gateway], "again", Admin)).Succeeded);
        Assert.False((await access.RevokeApiKeyAsync("pos-gateway-2", "again", Admin)).Succeeded);

        // Configured keys keep working beside the managed ones.
        using var configured = silo.Client(TestKeys.Gateway);
        Assert.Equal(HttpStatusCode.NotFound, (await configured.GetReplyAsync(card)).Status);
    }

    [Fact]
    public async Task NamesFromConfigurationAreRefusedWithAClearErrorAndNothingIsAudited()
    {
        await using var silo = new SiloFactory();
        using var _ = silo.Client();
        var access = silo.Service<AccessOperations>();
        var audit = silo.Service<IAuditLog>();

        var key = await access.CreateApiKeyAsync(TestKeys.GatewayName.ToUpperInvariant(), [Roles.Gateway], "clash", Admin);
        Assert.False(key.Succeeded);
        Assert.Contains("configuration", key.Error, StringComparison.Ordinal);
        Assert.Null(key.NewApiKey);

        // The test silo has the generated demo users analyst, operator and admin: configuration too.
        var user = await access.CreateUserAsync("Operator", [PortalRoleNames.Operator], Password, Password, "clash", Admin);
        Assert.False(user.Succeeded);
        Assert.Contains("configuration", user.Error, StringComparison.Ordinal);
        Assert.False((await access.SetDisabledAsync("operator", disabled: true, "clash", Admin)).Succeeded);

        // The grain refuses on its own too, whoever calls it.
        var grain = silo.Service<IGrainFactory>().GetGrain<IAccessGrain>(IAccessGrain.SingletonKey);
        await Assert.ThrowsAsync<ArgumentException>(() => grain.CreateApiKeyAsync(new NewApiKey(TestKeys.OperatorName, ApiKeyStore.Hash("x"), [Roles.Operator], Admin, DateTimeOffset.UtcNow)));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.CreateUserAsync(new NewPortalUser("analyst", [PortalRoleNames.Analyst], "hash", Admin, DateTimeOffset.UtcNow)));

        // Bad names, roles, passwords and missing reasons are refused before anything is written.
        Assert.False((await access.CreateUserAsync("bad name", [PortalRoleNames.Analyst], Password, Password, "r", Admin)).Succeeded);
        Assert.False((await access.CreateUserAsync("dana", [], Password, Password, "r", Admin)).Succeeded);
        Assert.False((await access.CreateUserAsync("dana", ["root"], Password, Password, "r", Admin)).Succeeded);
        Assert.False((await access.CreateUserAsync("dana", [PortalRoleNames.Analyst], "short-pass", "short-pass", "r", Admin)).Succeeded);
        Assert.False((await access.CreateUserAsync("dana", [PortalRoleNames.Analyst], Password, Password + "!", "r", Admin)).Succeeded);
        Assert.False((await access.CreateUserAsync("dana", [PortalRoleNames.Analyst], Password, Password, " ", Admin)).Succeeded);
        Assert.False((await access.CreateApiKeyAsync("k1", ["superuser"], "r", Admin)).Succeeded);

        Assert.Empty(await audit.QueryAsync(new AuditQuery()));
        Assert.Empty((await access.CurrentAsync()).Users);
        Assert.Empty((await access.CurrentAsync()).ApiKeys);
    }

    [Fact]
    public async Task AManagedUserSignsInUntilDisabledAndRoleChangesAndPasswordResetsApplyToItsSession()
    {
        await using var silo = new SiloFactory();
        using var _ = silo.Client();
        var access = silo.Service<AccessOperations>();
        var users = silo.Service<PortalUsers>();

        Assert.True((await access.CreateUserAsync("carol", [PortalRoleNames.Operator], Password, Password, "New operator on the night shift.", Admin)).Succeeded);
        var (result, user) = users.SignIn("Carol", Password);
        Assert.Equal(SignInResult.Succeeded, result);
        Assert.Equal(new[] { PortalRoleNames.Operator }, user!.Roles);
        var stamp = users.StampOf("carol");
        Assert.NotNull(users.Active("carol", stamp));
        Assert.Contains(users.Listing, u => u is { UserName: "carol", Configured: false, Disabled: false, CreatedBy: Admin });
        Assert.Contains(users.Listing, u => u is { UserName: "admin", Configured: true });

        Assert.True((await access.SetRolesAsync("carol", [PortalRoleNames.Admin, PortalRoleNames.Operator], "Promoted to administrator.", Admin)).Succeeded);
        Assert.Equal(new[] { PortalRoleNames.Admin, PortalRoleNames.Operator }, users.Active("carol", stamp)!.Roles);

        // An administrator can neither lock themself out nor drop their own admin role.
        Assert.False((await access.SetDisabledAsync("carol", disabled: true, "self", "carol")).Succeeded);
        Assert.False((await access.SetRolesAsync("carol", [PortalRoleNames.Operator], "self", "CAROL")).Succeeded);

        Assert.True((await access.SetDisabledAsync("carol", disabled: true, "Left the company.", Admin)).Succeeded);
        Assert.Equal(SignInResult.Disabled, users.SignIn("carol", Password).Result);
        Assert.Equal(SignInResult.Failed, users.SignIn("carol", "wrong password!").Result);
        Assert.Null(users.Active("carol", stamp));

        Assert.True((await access.SetDisabledAsync("carol", disabled: false, "Came back.", Admin)).Succeeded);
        Assert.NotNull(users.Active("carol", stamp));

        // A reset password ends the sessions issued under the old one.
        const string next = "a brand new passphrase";
        Assert.True((await access.ResetPasswordAsync("carol", next, next, "Forgot the password.", Admin)).Succeeded);
        Assert.Null(users.Active("carol", stamp));
        Assert.Equal(SignInResult.Failed, users.SignIn("carol", Password).Result);
        Assert.Equal(SignInResult.Succeeded, users.SignIn("carol", next).Result);

        // As a set: changes made within the clock's resolution have no order in the log.
        var actions = (await silo.Service<IAuditLog>().QueryAsync(new AuditQuery(Target: "carol"))).Select(e => e.Action).Order(StringComparer.Ordinal);
        string[] expected = [AccessOperations.UserCreateAction, AccessOperations.UserRolesAction, AccessOperations.UserDisableAction, AccessOperations.UserEnableAction, AccessOperations.UserPasswordAction];
        Assert.Equal(expected.Order(StringComparer.Ordinal), actions);
    }

    [Fact]
    public async Task InPostgresUsersAndKeysSurviveARestartAndNoSecretIsInTheAuditLogTheLogsOrAnyRow()
    {
        var logs = new CapturingLoggerProvider();
        var setup = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("access"), Logs = logs };
        string kept;
        string revoked;
        const string reset = "the second passphrase";
        await using (var before = new SiloFactory(setup))
        {
            using var _ = before.Client();
            var access = before.Service<AccessOperations>();
            kept = (await access.CreateApiKeyAsync("backoffice-2", [Roles.BackOffice, Roles.Operator], "Second settlement feed.", TestKeys.AdminName)).NewApiKey!;
            revoked = (await access.CreateApiKeyAsync("old-feed", [Roles.BackOffice], "Feed being retired.", TestKeys.AdminName)).NewApiKey!;
            Assert.True((await access.RevokeApiKeyAsync("old-feed", "Retired.", TestKeys.AdminName)).Succeeded);
            Assert.True((await access.CreateUserAsync("erin", [PortalRoleNames.Analyst], Password, Password, "New analyst.", TestKeys.AdminName)).Succeeded);
            Assert.True((await access.ResetPasswordAsync("erin", reset, reset, "Reset on request.", TestKeys.AdminName)).Succeeded);
            Assert.True((await access.CreateUserAsync("frank", [PortalRoleNames.Operator], Password, Password, "New operator.", TestKeys.AdminName)).Succeeded);
            Assert.True((await access.SetDisabledAsync("frank", disabled: true, "On leave.", TestKeys.AdminName)).Succeeded);
        }

        await using var after = new SiloFactory(setup);
        using (var client = after.Client(kept))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync("/v1/merchants")).Status);
        }

        using (var client = after.Client(revoked))
        {
            SiloApi.AssertProblem(await client.GetReplyAsync("/v1/merchants"), HttpStatusCode.Unauthorized);
        }

        var users = after.Service<PortalUsers>();
        Assert.Equal(SignInResult.Succeeded, users.SignIn("erin", reset).Result);
        Assert.Equal(SignInResult.Disabled, users.SignIn("frank", Password).Result);

        string[] secrets = [kept, revoked, Password, reset, ApiKeyStore.Hash(kept), ApiKeyStore.Hash(revoked)];
        var entries = await after.Service<IAuditLog>().QueryAsync(new AuditQuery(Limit: 1000));
        Assert.Equal(7, entries.Count);
        var audited = string.Join('\n', entries.Select(e => $"{e.Actor} {e.Action} {e.Target} {e.Reason} {e.DetailsJson}"));
        var stored = await PostgresScan.AllRowsAsync(setup.ConnectionString!);
        var auditRows = stored.Where(r => r.StartsWith("audit_log:", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, auditRows.Count);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, audited, StringComparison.Ordinal);
            Assert.All(auditRows, row => Assert.DoesNotContain(secret, row, StringComparison.Ordinal));
            Assert.All(logs.Lines, line => Assert.DoesNotContain(secret, line, StringComparison.Ordinal));
        }

        // Clear keys and passwords are nowhere in the database; the grain keeps hashes only.
        foreach (var secret in new[] { kept, revoked, Password, reset })
        {
            Assert.All(stored, row => Assert.DoesNotContain(secret, row, StringComparison.Ordinal));
        }
    }
}
