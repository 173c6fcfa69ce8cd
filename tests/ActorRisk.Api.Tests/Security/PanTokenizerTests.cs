using System.Security.Cryptography;
using System.Text;
using ActorRisk.Api.Security;

namespace ActorRisk.Api.Tests.Security;

/// <summary>Versioned card-token keys: which key makes a token, which older tokens a card number is looked up under, and the settings refused at start.</summary>
public sealed class PanTokenizerTests
{
    private const string Pan = "4242424242424242";
    private static readonly string KeyA = Key(1);
    private static readonly string KeyB = Key(2);
    private static readonly string KeyC = Key(3);

    [Fact]
    public void TheOriginalKeyMakesTheTokensItMadeBeforeKeysHadIds()
    {
        var secret = Convert.FromBase64String(KeyA);
        var expected = "tok_" + Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(Pan)), 0, 16)
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var tokenizer = Tokenizer(new() { ["Key"] = KeyA });

        Assert.Equal((expected, "4242"), tokenizer.Tokenize(Pan));
        Assert.Equal(PanTokenizer.OriginalKeyId, tokenizer.CurrentKeyId);
        Assert.Empty(tokenizer.PreviousTokens(Pan));
    }

    [Fact]
    public void AVersionedKeyWritesItsIdIntoTheToken()
    {
        var original = Tokenizer(new() { ["Key"] = KeyA }).Tokenize(Pan).Token;
        var rotated = Tokenizer(new() { ["Key"] = KeyA, ["Keys:0:Id"] = "k2026", ["Keys:0:Key"] = KeyB, ["Current"] = "k2026" });

        var token = rotated.Tokenize(Pan).Token;

        Assert.StartsWith("tok_k2026_", token, StringComparison.Ordinal);
        Assert.Equal("tok_k2026_".Length + 22, token.Length);
        Assert.True(PanTokenizer.IsToken(token));
        Assert.NotEqual(original[4..], token[^22..]);
        Assert.Equal([original], rotated.PreviousTokens(Pan).ToArray());
    }

    [Fact]
    public void PreviousKeysAreTriedNewestFirstWithTheOriginalKeyLast()
    {
        var originalOnly = Tokenizer(new() { ["Key"] = KeyA }).Tokenize(Pan).Token;
        var bOnly = Tokenizer(new() { ["Keys:0:Id"] = "b", ["Keys:0:Key"] = KeyB }).Tokenize(Pan).Token;
        var tokenizer = Tokenizer(new()
        {
            ["Key"] = KeyA,
            ["Keys:0:Id"] = "b", ["Keys:0:Key"] = KeyB,
            ["Keys:1:Id"] = "c", ["Keys:1:Key"] = KeyC,
            ["Current"] = "c",
        });

        Assert.StartsWith("tok_c_", tokenizer.Tokenize(Pan).Token, StringComparison.Ordinal);
        Assert.Equal(["b", PanTokenizer.OriginalKeyId], tokenizer.PreviousKeyIds.ToArray());
        Assert.Equal([bOnly, originalOnly], tokenizer.PreviousTokens(Pan).ToArray());
    }

    [Fact]
    public void TheOriginalKeyCanBeMadeCurrentAgainToRollBack()
    {
        var tokenizer = Tokenizer(new() { ["Key"] = KeyA, ["Keys:0:Id"] = "b", ["Keys:0:Key"] = KeyB, ["Current"] = "original" });

        Assert.Equal(Tokenizer(new() { ["Key"] = KeyA }).Tokenize(Pan), tokenizer.Tokenize(Pan));
        Assert.Equal(["b"], tokenizer.PreviousKeyIds.ToArray());
    }

    [Fact]
    public void TheOnlyVersionedKeyIsCurrentWithoutSayingSo()
    {
        var tokenizer = Tokenizer(new() { ["Keys:0:Id"] = "b", ["Keys:0:Key"] = KeyB });

        Assert.Equal("b", tokenizer.CurrentKeyId);
        Assert.Empty(tokenizer.PreviousKeyIds);
    }

    public static TheoryData<string, Dictionary<string, string?>, string> BadSettings => new()
    {
        { "original not base64", new() { ["Key"] = "not base64!" }, "ActorRisk:Tokenization:Key must be base64" },
        { "original too short", new() { ["Key"] = Key(1, 16) }, "ActorRisk:Tokenization:Key must be at least 32 random bytes; it has 16." },
        { "id missing", new() { ["Keys:0:Key"] = KeyB }, "ActorRisk:Tokenization:Keys:0:Id must be 1 to 16 letters or digits" },
        { "id with underscore", new() { ["Keys:0:Id"] = "k_2", ["Keys:0:Key"] = KeyB }, "ActorRisk:Tokenization:Keys:0:Id must be 1 to 16 letters or digits" },
        { "id too long", new() { ["Keys:0:Id"] = new string('k', 17), ["Keys:0:Key"] = KeyB }, "ActorRisk:Tokenization:Keys:0:Id must be" },
        { "id of the original key", new() { ["Key"] = KeyA, ["Keys:0:Id"] = "original", ["Keys:0:Key"] = KeyB, ["Current"] = "original" }, "ActorRisk:Tokenization:Keys:0:Id 'original' is taken" },
        { "id twice", new() { ["Keys:0:Id"] = "b", ["Keys:0:Key"] = KeyB, ["Keys:1:Id"] = "B", ["Keys:1:Key"] = KeyC, ["Current"] = "b" }, "ActorRisk:Tokenization:Keys:1:Id 'B' is taken" },
        { "key missing", new() { ["Keys:0:Id"] = "b" }, "ActorRisk:Tokenization:Keys:0:Key (key 'b') is missing" },
        { "key not base64", new() { ["Keys:0:Id"] = "b", ["Keys:0:Key"] = "%%%" }, "ActorRisk:Tokenization:Keys:0:Key (key 'b') must be base64" },
        { "key too short", new() { ["Keys:0:Id"] = "b", ["Keys:0:Key"] = Key(2, 31) }, "ActorRisk:Tokenization:Keys:0:Key (key 'b') must be at least 32 random bytes; it has 31." },
        { "same secret again", new() { ["Key"] = KeyA, ["Keys:0:Id"] = "b", ["Keys:0:Key"] = KeyA, ["Current"] = "b" }, "ActorRisk:Tokenization:Keys:0:Key (key 'b') is the same secret as key 'original'" },
        { "current unknown", new() { ["Key"] = KeyA, ["Keys:0:Id"] = "b", ["Keys:0:Key"] = KeyB, ["Current"] = "c" }, "ActorRisk:Tokenization:Current 'c' names no configured key: give one of original, b." },
        { "current not said", new() { ["Key"] = KeyA, ["Keys:0:Id"] = "b", ["Keys:0:Key"] = KeyB }, "ActorRisk:Tokenization:Current must name the key that makes new tokens: original, b." },
        { "current without keys", new() { ["Current"] = "b" }, "ActorRisk:Tokenization:Current is 'b' but no card-token key is configured." },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BadKeySettingsStopTheStartNamingTheSettingButNeverTheSecret(string @case, Dictionary<string, string?> settings, string message)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Tokenizer(settings, durableStorage: "Postgres"));

        Assert.True(refused.Message.StartsWith(message, StringComparison.Ordinal), $"{@case}: {refused.Message}");
        foreach (var secret in settings.Where(s => s.Key.EndsWith("Key", StringComparison.Ordinal)).Select(s => s.Value!))
        {
            Assert.DoesNotContain(secret, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MemoryModeMakesAKeyOfItsOwnWhenNoneIsConfigured()
    {
        var first = Tokenizer([], durableStorage: null);
        var second = Tokenizer([], durableStorage: null);

        Assert.NotEqual(first.Tokenize(Pan).Token, second.Tokenize(Pan).Token);
        Assert.Equal(PanTokenizer.OriginalKeyId, first.CurrentKeyId);
    }

    private static PanTokenizer Tokenizer(Dictionary<string, string?> settings, string? durableStorage = "Postgres")
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => "ActorRisk:Tokenization:" + s.Key, s => s.Value))
            .Build()
            .GetSection("ActorRisk:Tokenization")
            .Get<TokenizationOptions>() ?? new TokenizationOptions();
        return CardTokenKeyConfiguration.Tokenizer(options, durableStorage);
    }

    private static string Key(int seed, int length = 32) => Convert.ToBase64String(Enumerable.Range(seed, length).Select(i => (byte)(i * 7)).ToArray());
}
