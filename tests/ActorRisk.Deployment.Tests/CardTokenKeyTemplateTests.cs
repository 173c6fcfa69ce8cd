using ActorRisk.Api;
using ActorRisk.Api.Security;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// The card-token keys through a rotation as the runbook drives it with azd variables (docs/operations.md, "Rotating
/// the card-token key"): every app gets the same keys, each from its own Key Vault secret, and the silo's own key
/// configuration accepts them with the intended current key.
/// </summary>
public sealed class CardTokenKeyTemplateTests
{
    [Fact]
    public async Task ByDefaultTheOriginalKeyIsTheOnlyOne()
    {
        foreach (var app in await SiloTemplate.CompileAllAsync())
        {
            var tokenizer = Tokenizer(app);

            Assert.Equal(PanTokenizer.OriginalKeyId, tokenizer.CurrentKeyId);
            Assert.Empty(tokenizer.PreviousKeyIds);
        }
    }

    [Fact]
    public async Task DuringARotationBothKeysAreReadFromTheirOwnSecretsAndTheNewOneIsCurrent()
    {
        var parameters = new Dictionary<string, object> { ["tokenizationKeyIds"] = "original, k2026a", ["tokenizationCurrentKey"] = "k2026a" };
        var snapshot = await DeploymentSnapshot.OfAsync(parameters);

        foreach (var app in await SiloTemplate.CompileAllAsync(parameters))
        {
            var tokenizer = Tokenizer(app);

            Assert.Equal("k2026a", tokenizer.CurrentKeyId);
            Assert.Equal([PanTokenizer.OriginalKeyId], tokenizer.PreviousKeyIds.ToArray());
            var versioned = app.Settings.Single(s => s.Name == "ActorRisk__Tokenization__Keys__0__Key").SecretRef;
            var secret = Assert.Single(app.Secrets, s => s["name"]!.GetValue<string>() == versioned);
            // The vault's address is known at deployment only: the reference names the key's secret, tokenization-key-k2026a.
            var reference = secret["keyVaultUrl"]!.GetValue<string>();
            Assert.Matches(@"^\[format\('\{0\}secrets/\{1\}-\{2\}', .*secretNames\.value\.tokenizationKey, 'k2026a'\)\]$", reference);
            Assert.NotNull(secret["identity"]);
        }

        // The template still writes the original key's secret (azd keeps it); the new one the operator puts in the vault.
        Assert.Contains(snapshot.OfType("Microsoft.KeyVault/vaults/secrets"), s => s["name"]!.GetValue<string>().EndsWith("/tokenization-key", StringComparison.Ordinal));
        Assert.DoesNotContain(snapshot.OfType("Microsoft.KeyVault/vaults/secrets"), s => s["name"]!.GetValue<string>().Contains("k2026a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterTheOriginalKeyIsRetiredNoAppReadsItAndTheTemplateNoLongerWritesIt()
    {
        var parameters = new Dictionary<string, object> { ["tokenizationKeyIds"] = "k2026a,k2027b", ["tokenizationCurrentKey"] = "k2027b" };
        var snapshot = await DeploymentSnapshot.OfAsync(parameters);

        foreach (var app in await SiloTemplate.CompileAllAsync(parameters))
        {
            var tokenizer = Tokenizer(app);

            Assert.Equal("k2027b", tokenizer.CurrentKeyId);
            Assert.Equal(["k2026a"], tokenizer.PreviousKeyIds.ToArray());
            Assert.DoesNotContain(app.Settings, s => s.Name == "ActorRisk__Tokenization__Key");
            Assert.DoesNotContain(app.Secrets, s => s["name"]!.GetValue<string>() == "tokenization-key");
        }

        // The vault keeps the retired key's secret for the operator to delete: main.bicep passes it no value, and an empty
        // value writes nothing (a secure value passed to a module is not evaluated by the snapshot, so the condition is checked).
        var original = Assert.Single(snapshot.OfType("Microsoft.KeyVault/vaults/secrets"), s => s["name"]!.GetValue<string>().EndsWith("/tokenization-key", StringComparison.Ordinal));
        Assert.Equal("[not(empty(parameters('tokenizationKey')))]", original["condition"]?.GetValue<string>());
    }

    [Fact]
    public async Task AKeyIdTheSiloRefusesStopsTheStartWithTheSettingNamed()
    {
        var parameters = new Dictionary<string, object> { ["tokenizationKeyIds"] = "original,k2026a", ["tokenizationCurrentKey"] = "k2099" };
        var app = await SiloTemplate.CompileAsync(parameters: parameters);

        var error = Assert.Throws<InvalidOperationException>(() => Tokenizer(app));

        Assert.Contains("ActorRisk:Tokenization:Current 'k2099'", error.Message, StringComparison.Ordinal);
    }

    private static PanTokenizer Tokenizer(SiloTemplate app) =>
        CardTokenKeyConfiguration.Tokenizer(app.Configuration().GetSection("ActorRisk:Tokenization").Get<TokenizationOptions>()!, "Azure");
}
