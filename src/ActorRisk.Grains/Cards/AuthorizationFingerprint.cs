using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorRisk.Grains.Cards;

/// <summary>
/// Identifies what an authorization asked, so a retry (same id, same body) replays the first answer and a reused
/// id with a different body is refused. Every field the decision depends on takes part; the card is checked
/// separately (the request ledger names the grain that applied the id).
/// </summary>
public static class AuthorizationFingerprint
{
    public static string Of(CardAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var canonical = string.Join(
            '|',
            authorization.MerchantId,
            authorization.Amount.Amount.ToString(CultureInfo.InvariantCulture),
            authorization.Amount.Currency,
            authorization.Timestamp?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "-",
            authorization.CardPresent ? "cp" : "cnp",
            authorization.CvcProvided switch { true => "cvc", false => "no-cvc", null => "-" },
            authorization.IsVerification ? "verify" : "auth",
            authorization.CardType.ToString(),
            authorization.Mcc ?? "-",
            authorization.IssuerCountry ?? "-");

        // A short digest keeps the ledger row small; 128 bits make an accidental match between two bodies negligible.
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 16));
    }
}
