namespace ActorRisk.Domain.Programs;

/// <summary>How a program turns a month's totals into the numbers its thresholds are compared with.</summary>
public enum MetricKind
{
    /// <summary>VDMP: disputes this month (first 10 per card) / sales count this month.</summary>
    DisputeCountRatio,

    /// <summary>VFMP: fraud-report amount (USD) this month / sales amount (USD) this month.</summary>
    FraudAmountRatio,

    /// <summary>VAMP: (TC40 fraud reports + TC15 disputes, less CE 3.0 and RDR) / card-not-present sales count, same month.</summary>
    VampCountRatio,

    /// <summary>ECM/HECM: chargebacks this month / sales count of the previous month.</summary>
    ChargebackPreviousMonthRatio,

    /// <summary>EFM: fraud chargebacks this month (count and USD amount) / sales count of the previous month, with the 3-D Secure share.</summary>
    FraudChargebackPreviousMonthRatio,

    /// <summary>VAMP enumeration: enumerated (card-testing) authorizations / all authorizations, same month.</summary>
    EnumerationRatio,
}
