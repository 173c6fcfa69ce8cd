using System.Security.Cryptography;
using System.Text;

namespace ActorRisk.Api.Security;

/// <summary>
/// Turns a card number (PAN) into a card token at the edge: "tok_" + base64url of the first 16 bytes of
/// HMAC-SHA256(key, PAN). The same PAN always gives the same token with the same key; without the key the token
/// reveals nothing. The PAN itself is never stored or logged; only the token and the last four digits travel on.
/// </summary>
public sealed class PanTokenizer
{
    public const string TokenPrefix = "tok_";
    private static readonly System.Buffers.SearchValues<char> TokenCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    private readonly byte[] key;

    public PanTokenizer(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The tokenization key must be at least 32 bytes.", nameof(key));
        }

        this.key = key;
    }

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

    public (string Token, string Last4) Tokenize(string pan)
    {
        if (!IsValidPan(pan))
        {
            throw new ArgumentException("Not a valid card number.", nameof(pan));
        }

        var mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(pan));
        var token = TokenPrefix + Convert.ToBase64String(mac, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, pan[^4..]);
    }
}
