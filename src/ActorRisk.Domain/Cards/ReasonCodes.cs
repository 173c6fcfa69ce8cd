namespace ActorRisk.Domain.Cards;

/// <summary>Stable reason codes returned to gateways. Never rename one: gateways branch on them.</summary>
public static class ReasonCodes
{
    public const string NoRiskSignals = "no_risk_signals";
    public const string CardBlocked = "card_blocked";
    public const string SmallAuthBurst = "small_auth_burst";
    public const string SmallAuthDaily = "small_auth_daily";
    public const string AttemptsHourly = "attempts_hourly";
    public const string DistinctMerchantsHourly = "distinct_merchants_hourly";
    public const string DeclineRate = "decline_rate";
    public const string SmallAuthWithoutCvc = "small_auth_without_cvc";
    public const string CardPresentUnitAuthorization = "card_present_unit_authorization";
    public const string PrepaidRefused = "prepaid_refused";
    public const string HighRiskIssuerCountry = "high_risk_issuer_country";
    public const string ManualBlock = "manual_block";
    public const string MerchantSuspended = "merchant_suspended";
}
