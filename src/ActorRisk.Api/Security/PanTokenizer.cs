using System.Security.Cryptography;
using System.Text;

namespace ActorRisk.Api.Security;

/// <summary>One card-token key: its id (written into the tokens it makes) and its secret.</summary>
public sealed record CardTokenKey(string Id, byte[] Secret);

/// <summary>
/// Turns a card number (PAN) into a card token at the edge: a keyed hash, HMAC-SHA256(key, PAN), of which the first
/// 16 bytes are written in base64url. The same PAN always gives the same token with the same key; without the key the
/// token reveals nothing. The PAN itself is never stored or logged; only the token and the last four digits travel on.
/// <para>
/// Keys are versioned so the key can be rotated (docs/architecture.md, "Card-token keys"): the current key makes the
/// tokens ("tok_" + key id + "_" + hash), the previous keys still recognise a card number's older token so its card
/// keeps one history. The original key (ActorRisk:Tokenization:Key) makes the tokens it always made, "tok_" + hash,
/// so tokens issued before versioning stay valid.
/// </para>
/// </summary>
public sealed class PanTokenizer
{
    public const string TokenPrefix = "tok_";

    /// <summary>The id of the key in ActorRisk:Tokenization:Key, the one from before key versioning.</summary>
    public const string OriginalKeyId = "original";

    /// <summary>The longest key id: a token stays well inside the 64 characters a token may have.</summary>
    public const int MaxKeyIdLength = 16;

    public const int MinKeyBytes = 32;

    private static readonly System.Buffers.SearchValues<char> TokenCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly CardTokenKey current;
    private readonly ImmutableArray<CardTokenKey> previous;

    /// <summary>A tokenizer with only the original key: tokens without a key id, as before key versioning.</summary>
    public PanTokenizer(byte[] key)
        : this([new CardTokenKey(OriginalKeyId, key)], OriginalKeyId)
    {
    }

    /// <summary>
    /// A tokenizer making tokens with the key <paramref name="currentKeyId"/>; the others are previous keys, tried
    /// newest first: the original key last, the others in the reverse of the order given (list keys oldest first).
    /// </summary>
    public PanTokenizer(IReadOnlyList<CardTokenKey> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (key.Secret.Length < MinKeyBytes)
            {
                throw new ArgumentException($"The card-token key '{key.Id}' must be at least {MinKeyBytes} bytes.", nameof(keys));
            }

            if (key.Id != OriginalKeyId && !IsKeyId(key.Id))
            {
                throw new ArgumentException($"A card-token key id must be 1 to {MaxKeyIdLength} letters or digits.", nameof(keys));
            }
        }

        current = keys.SingleOrDefault(k => k.Id == currentKeyId)
            ?? throw new ArgumentException($"No card-token key has the id '{currentKeyId}'.", nameof(currentKeyId));
        previous = [.. keys.Where(k => k.Id != OriginalKeyId).Reverse().Concat(keys.Where(k => k.Id == OriginalKeyId)).Where(k => k != current)];
    }

    /// <summary>The id of the key that makes new tokens.</summary>
    public string CurrentKeyId => current.Id;

    /// <summary>The ids of the previous keys, in the order their tokens are tried.</summary>
    public ImmutableArray<string> PreviousKeyIds => [.. previous.Select(k => k.Id)];

    /// <summary>Whether <paramref name="id"/> can name a key: 1 to 16 ASCII letters or digits (no "_", which ends it in a token).</summary>
    public static bool IsKeyId(string? id) => id is { Length: > 0 and <= MaxKeyIdLength } && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>Whether <paramref name="pan"/> is 12 to 19 digits with a valid Luhn check digit.</summary>
    public static bool IsValidPan(string pan)
    {
        if (pan.Length is < 12 or > 19 || !pan.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = pan.Length - 1; i >= 0; i--)
        {
            var digit = pan[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    public static bool IsToken(string value) =>
        value.StartsWith(TokenPrefix, StringComparison.Ordinal) && value.Length is > 8 and <= 64 &&
        value.AsSpan(TokenPrefix.Length).IndexOfAnyExcept(TokenCharacters) < 0;

    /// <summary>The card's token under the current key, and its last four digits.</summary>
    public (string Token, string Last4) Tokenize(string pan)
    {
        CheckPan(pan);
        return (TokenOf(current, pan), pan[^4..]);
    }

    /// <summary>
    /// The card's tokens under the previous keys, newest key first (empty without previous keys): the cards whose
    /// history a card made by the current key takes over (see ICardGrain).
    /// </summary>
    public ImmutableArray<string> PreviousTokens(string pan)
    {
        CheckPan(pan);
        return previous.IsEmpty ? [] : [.. previous.Select(key => TokenOf(key, pan))];
    }

    private static void CheckPan(string pan)
    {
        if (!IsValidPan(pan))
        {
            throw new ArgumentException("Not a valid card number.", nameof(pan));
        }
    }

    private static string TokenOf(CardTokenKey key, string pan)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key.Secret, Encoding.ASCII.GetBytes(pan), mac);
        var hash = Convert.ToBase64String(mac[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return key.Id == OriginalKeyId ? TokenPrefix + hash : $"{TokenPrefix}{key.Id}_{hash}";
    }
}
