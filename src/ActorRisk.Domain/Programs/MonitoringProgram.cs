namespace ActorRisk.Domain.Programs;

/// <summary>The card-network monitoring programs the engine evaluates.</summary>
public enum MonitoringProgram
{
    /// <summary>Visa Dispute Monitoring Program (retired 2025-04-01).</summary>
    VDMP,

    /// <summary>Visa Fraud Monitoring Program (retired 2025-04-01).</summary>
    VFMP,

    /// <summary>Visa Acquirer Monitoring Program, merchant fraud-and-dispute ratio (from 2025-04-01).</summary>
    VAMP,

    /// <summary>VAMP's enumeration (card-testing) measure; Visa applies it at acquirer level, shown per merchant.</summary>
    VAMPEnumeration,

    /// <summary>Mastercard Excessive Chargeback Program; tiers ECM and HECM.</summary>
    ECM,

    /// <summary>Mastercard Excessive Fraud Merchant program.</summary>
    EFM,
}
