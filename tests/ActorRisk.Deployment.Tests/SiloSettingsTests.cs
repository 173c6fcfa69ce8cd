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
        var mount = Assert.Single(template.Container["volumeMounts"]!.AsArray(), m => template.Resolve(m!["mountPath"]!.GetValue<string>()) == Path.GetDirectoryName(path));
        var volume = Assert.Single(template.App["properties"]!["template"]!["volumes"]!.AsArray(), v => v!["name"]!.GetValue<string>() == mount!["volumeName"]!.GetValue<string>());
        Assert.Equal("Secret", volume!["storageType"]!.GetValue<string>());
        var file = Assert.Single(volume["secrets"]!.AsArray(), s => template.Resolve(s!["path"]!.GetValue<string>()) == Path.GetFileName(path));
        Assert.Contains(template.Secrets, s => s["name"]!.GetValue<string>() == file!["secretRef"]!.GetValue<string>() && s["keyVaultUrl"] is not null);
    }

    [Fact]
    public async Task TheOrleansSettingsAreValid()
    {
        var template = await SiloTemplate.CompileAsync();
        var orleans = template.Configuration().GetSection(OrleansOptions.Section).Get<OrleansOptions>()!;

        orleans.Validate();
        Assert.True(System.Net.IPAddress.TryParse(orleans.AdvertisedAddress, out _), orleans.AdvertisedAddress);
        var ports = template.App["properties"]!["configuration"]!["ingress"]!["additionalPortMappings"]!.AsArray()
            .Select(p => int.Parse(template.Resolve(p!["targetPort"]!.ToString()), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(orleans.SiloPort, ports);
        Assert.Contains(orleans.GatewayPort, ports);
    }

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
