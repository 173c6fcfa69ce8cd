namespace ActorRisk.ReadModels.Merchants;

/// <summary>
/// The orders a merchant list can take. Each has its own index in PostgreSQL (migrations 103 and 104), so a page
/// is a walk of an index whatever the sort; ties go to the merchant id so pages never overlap. A reversed order
/// (<see cref="MerchantQuery.Reverse"/>) is the same index walked backwards.
/// </summary>
public enum MerchantSort
{
    /// <summary>Highest risk score first.</summary>
    Risk,

    /// <summary>Merchant id ascending, ignoring case.</summary>
    MerchantId,

    /// <summary>Most fines to date (USD) first.</summary>
    Fines,

    /// <summary>Most recently closed month first; merchants never closed last.</summary>
    LastClosed,
}
