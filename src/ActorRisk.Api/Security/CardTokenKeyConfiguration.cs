using System.Security.Cryptography;

namespace ActorRisk.Api.Security;

/// <summary>
/// Reads the card-token keys from ActorRisk:Tokenization. A mistake stops the start with a message naming the setting
/// (never its value): a wrong key would silently give every card a new, empty history.
/// </summary>
public static class CardTokenKeyConfiguration
{
    private const string Section = "ActorRisk:Tokenization";

    /// <param name="durableStorage">The durable storage mode's name, or null in memory mode (where a missing key is generated).</param>
    public static PanTokenizer Tokenizer(TokenizationOptions options, string? durableStorage)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new List<CardTokenKey>();
        if (!string.IsNullOrEmpty(options.Key))
        {
            keys.Add(new CardTokenKey(PanTokenizer.OriginalKeyId, Secret(options.Key, $"{Section}:Key")));
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            var entry = options.Keys[i];
            var path = $"{Section}:Keys:{i}";
            if (!PanTokenizer.IsKeyId(entry.Id))
            {
                throw new InvalidOperationException($"{path}:Id must be 1 to {PanTokenizer.MaxKeyIdLength} letters or digits (it is written into every token the key makes).");
            }

            if (keys.Any(k => string.Equals(k.Id, entry.Id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"{path}:Id '{entry.Id}' is taken: every card-token key needs an id of its own, never reused.");
            }

            if (string.IsNullOrEmpty(entry.Key))
            {
                throw new InvalidOperationException($"{path}:Key (key '{entry.Id}') is missing: set it to 32+ random bytes in base64.");
            }

            var secret = Secret(entry.Key, $"{path}:Key (key '{entry.Id}')");
            if (keys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(k.Secret, secret)) is { } twin)
            {
                throw new InvalidOperationException($"{path}:Key (key '{entry.Id}') is the same secret as key '{twin.Id}': a rotation needs a new key.");
            }

            keys.Add(new CardTokenKey(entry.Id!, secret));
        }

        if (keys.Count == 0)
        {
            if (!string.IsNullOrEmpty(options.Current))
            {
                throw new InvalidOperationException($"{Section}:Current is '{options.Current}' but no card-token key is configured.");
            }

            if (durableStorage is not null)
            {
                throw new InvalidOperationException(
                    $"{durableStorage} storage needs a stable tokenization key: set ActorRisk:Tokenization:Key (environment ActorRisk__Tokenization__Key) to 32+ random bytes in base64.");
            }

            return new PanTokenizer(RandomNumberGenerator.GetBytes(PanTokenizer.MinKeyBytes)); // memory mode: tokens live as long as the process, like the state
        }

        var current = options.Current;
        if (string.IsNullOrEmpty(current))
        {
            current = keys.Count == 1
                ? keys[0].Id
                : throw new InvalidOperationException(
                    $"{Section}:Current must name the key that makes new tokens: {string.Join(", ", keys.Select(k => k.Id))}.");
        }
        else if (!keys.Any(k => k.Id == current))
        {
            throw new InvalidOperationException(
                $"{Section}:Current '{current}' names no configured key: give one of {string.Join(", ", keys.Select(k => k.Id))}.");
        }

        return new PanTokenizer(keys, current);
    }

    private static byte[] Secret(string base64, string setting)
    {
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(base64);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"{setting} must be base64 (at least {PanTokenizer.MinKeyBytes} bytes).", exception);
        }

        return secret.Length >= PanTokenizer.MinKeyBytes
            ? secret
            : throw new InvalidOperationException($"{setting} must be at least {PanTokenizer.MinKeyBytes} random bytes; it has {secret.Length}.");
    }
}
