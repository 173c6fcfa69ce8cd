using ActorRisk.Api;
using ActorRisk.Silo.Hosting;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// The container app's settings, given to the silo's own start-up checks: what azure mode requires (StorageSettings),
/// the durable modes' card-token key (the API's registration), the portal keys' certificate outside Development, the
/// Orleans options; every secret read from Key Vault, none written into the template.
/// </summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public async Task TheSiloStartsInAzureModeSignedInWithItsIdentity()
    {
        var template = await SiloTemplate.CompileAsync();
        var configuration = template.Configuration();
        var silo = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>()!;

        var storage = StorageSettings.From(configuration, silo.Storage);

        Assert.Equal(StorageMode.Azure, storage.Mode);
        Assert.Equal(HostRole.Silo, silo.HostRole);
        Assert.NotNull(storage.Tables);
        Assert.False(string.IsNullOrEmpty(storage.ReadModelsConnectionString));
        // No storage key or connection string: the Table service URI with the identity DefaultAzureCredential picks.
        Assert.Null(configuration[StorageSettings.GrainStore.Key]);
        Assert.False(string.IsNullOrEmpty(configuration[StorageSettings.TableServiceUri.Key]));
        Assert.False(string.IsNullOrEmpty(configuration["AZURE_CLIENT_ID"]));
    }

    [Fact]
    public async Task TheDurableModesKeysAndTheBootstrapAdministratorAreSet()
    {
        var template = await SiloTemplate.CompileAsync();
        var configuration = template.Configuration();

        // Throws without a card-token key in a durable mode, or with a webhook URL and no secret.
        new ServiceCollection().AddActorRiskApi(configuration, nameof(StorageMode.Azure), []);

        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>()!;
        // A configured key: the silo generates (and prints) none.
        Assert.Contains(api.ApiKeys, key => key.Roles.Contains(ActorRisk.Api.Security.Roles.Admin) && key.Sha256.Length > 0);
        var users = configuration.GetSection("ActorRisk:Users").Get<List<ActorRisk.Api.Security.PortalUserOptions>>()!;
        Assert.Contains(users, user => user.Roles.Contains(ActorRisk.Api.Security.PortalRoleNames.Admin) && user.PasswordHash is { Length: > 0 } && user.Password is null);
    }

    [Fact]
    public async Task ThePortalKeysCertificateIsAFileOnTheKeyVaultSecretVolume()
    {
        var template = await SiloTemplate.CompileAsync();
        var keys = template.Configuration().GetSection(PortalKeyOptions.Section).Get<PortalKeyOptions>()!;

        // Outside Development a durable silo refuses to start without it.
        var path = keys.Certificate?.Path;
        Assert.False(string.IsNullOrEmpty(path));
        var mount = Assert.Single(template.Container["volumeMounts"]!.AsArray(), m => SiloTemplate.Resolve(m!["mountPath"]!.GetValue<string>()) == Path.GetDirectoryName(path));
        var volume = Assert.Single(template.App["properties"]!["template"]!["volumes"]!.AsArray(), v => v!["name"]!.GetValue<string>() == mount!["volumeName"]!.GetValue<string>());
        Assert.Equal("Secret", volume!["storageType"]!.GetValue<string>());
        var file = Assert.Single(volume["secrets"]!.AsArray(), s => SiloTemplate.Resolve(s!["path"]!.GetValue<string>()) == Path.GetFileName(path));
        Assert.Contains(template.Secrets, s => s["name"]!.GetValue<string>() == file!["secretRef"]!.GetValue<string>() && s["keyVaultUrl"] is not null);
    }

    [Fact]
    public async Task EachSiloAppListensEverywhereAndAdvertisesItsOwnEndpointAtTheEnvironmentsAddress()
    {
        var silos = (await SiloTemplate.CompileAllAsync()).Where(app => app.Role == "silo").ToList();

        Assert.True(silos.Count > 1, "main.bicep's default siloCount deploys one silo app: nothing shows that their endpoints differ.");
        var advertised = new List<(int Silo, int Gateway)>();
        foreach (var silo in silos)
        {
            var configuration = silo.Configuration();
            Assert.Equal(HostRole.Silo, configuration.GetSection(SiloOptions.Section).Get<SiloOptions>()!.HostRole);
            // Only the deployment knows the environment's static IP: check it is that output, then validate with an IP in its place.
            Assert.Contains("staticIp", silo.RawSetting("ActorRisk__Orleans__AdvertisedAddress"), StringComparison.Ordinal);
            var orleans = configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>()!;
            Assert.Equal(SiloTemplate.DeploymentValue, orleans.AdvertisedAddress);
            orleans.AdvertisedAddress = "10.40.0.4";
            orleans.Validate();
            Assert.Equal(System.Net.IPAddress.Any, orleans.ListenIPAddress);

            // The environment's TCP ingress maps the advertised ports to the ports the silo listens on, inside the environment only.
            var ingress = silo.Ingress;
            Assert.False(ingress["external"]!.GetValue<bool>());
            Assert.Equal("tcp", ingress["transport"]!.GetValue<string>());
            Assert.Equal(orleans.SiloPort, Port(ingress["targetPort"]!));
            Assert.Equal(orleans.AdvertisedSiloPortOrDefault, Port(ingress["exposedPort"]!));
            var gateway = Assert.Single(ingress["additionalPortMappings"]!.AsArray());
            Assert.False(gateway!["external"]!.GetValue<bool>());
            Assert.Equal(orleans.GatewayPort, Port(gateway["targetPort"]!));
            Assert.Equal(orleans.AdvertisedGatewayPortOrDefault, Port(gateway["exposedPort"]!));

            Assert.Null(silo.App["tags"]!["azd-service-name"]);
            // One replica: a second would share the endpoint, and Orleans would take the two for one silo.
            var scale = silo.App["properties"]!["template"]!["scale"]!;
            Assert.Equal(1, Port(scale["minReplicas"]!));
            Assert.Equal(1, Port(scale["maxReplicas"]!));
            advertised.Add((orleans.AdvertisedSiloPortOrDefault, orleans.AdvertisedGatewayPortOrDefault));
        }

        // Every exposed port of the environment's address belongs to one silo only.
        var exposed = advertised.SelectMany(a => new[] { a.Silo, a.Gateway }).ToList();
        Assert.Equal(exposed.Count, exposed.Distinct().Count());
    }

    [Fact]
    public async Task TheApiAppIsAnOrleansClientBehindPublicHttpsThatScalesOut()
    {
        var api = await SiloTemplate.CompileAsync("api");
        var configuration = api.Configuration();

        Assert.Equal(HostRole.Api, configuration.GetSection(SiloOptions.Section).Get<SiloOptions>()!.HostRole);
        var storage = StorageSettings.From(configuration, configuration.GetSection(SiloOptions.Section).Get<SiloOptions>()!.Storage);
        Assert.Equal(StorageMode.Azure, storage.Mode);
        Assert.False(string.IsNullOrEmpty(storage.ReadModelsConnectionString));
        new ServiceCollection().AddActorRiskApi(configuration, nameof(StorageMode.Azure), []);
        Assert.False(string.IsNullOrEmpty(configuration.GetSection(PortalKeyOptions.Section).Get<PortalKeyOptions>()!.Certificate?.Path));
        var ingress = api.Ingress;
        Assert.True(ingress["external"]!.GetValue<bool>());
        Assert.Equal(8080, Port(ingress["targetPort"]!));
        var scale = api.App["properties"]!["template"]!["scale"]!;
        Assert.True(Port(scale["maxReplicas"]!) > 1, "the api app's default maxReplicas is 1: it does not scale out.");
        Assert.NotEmpty(api.Probes);
        // azd deploys the service's image to the one app tagged with it.
        Assert.Equal("silo", api.App["tags"]!["azd-service-name"]!.GetValue<string>());
    }

    private static int Port(JsonNode value) =>
        int.Parse(SiloTemplate.Resolve(value.ToString()), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task EverySecretIsAKeyVaultReferenceReadWithTheIdentity()
    {
        var template = await SiloTemplate.CompileAsync();

        Assert.NotEmpty(template.Secrets);
        foreach (var secret in template.Secrets)
        {
            Assert.Null(secret["value"]);
            Assert.NotNull(secret["keyVaultUrl"]);
            Assert.NotNull(secret["identity"]);
        }

        var defined = template.Secrets.Select(s => s["name"]!.GetValue<string>()).ToHashSet();
        var referenced = template.Settings.Where(s => s.SecretRef is not null).ToList();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, s => Assert.True(defined.Contains(s.SecretRef!), $"{s.Name} reads secret {s.SecretRef}, which the app does not define."));
    }
}
