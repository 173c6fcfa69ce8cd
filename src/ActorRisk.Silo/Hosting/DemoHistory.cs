using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// The demo merchants' last <see cref="Months"/> months as a previous system would hand them over (a history import),
/// so a first run already shows merchants in the programs in force since Visa retired VDMP and VFMP (2025-04): one in
/// VAMP with fees and, later, Mastercard's EFM; one deep into ECM whose timeline resumed after a month below and went
/// through HECM; one that exited ECM and entered it again; one clean. The months are counted back from the running
/// month, so the story is the same on any day; the numbers keep clear of every threshold they are meant to meet or
/// miss, so VAMP's 2.2% (to 2026-03) and 1.5% (from 2026-04) tell the same story.
/// </summary>
internal static class DemoHistory
{
    /// <summary>How many months before the running one each demo merchant brings.</summary>
    public const int Months = 14;

    // USD 32 a sale and a dispute, as the live demo records count them.
    private const long TicketCents = 3_200;

    // Gadgets' stolen-card orders are its dearest ones: their fraud chargebacks reach EFM's USD 50,000 a month.
    private const long GadgetFraudTicketCents = 25_000;

    public static IReadOnlyList<DemoMerchantHistory> Merchants { get; } =
    [
        // VAMP from month 10 of 14 (fraud reports and disputes 3% of card-not-present sales, over 1,500 a month: USD 8
        // each); EFM from month 12 (fraud chargebacks 0.8% of last month's Mastercard sales, over USD 50,000).
        new("m-demo-gadgets",
            VisaSales: 80_000,
            VisaDisputes: Step(at: 9, before: 500, after: 1_100),
            VisaFraudReports: Step(at: 9, before: 500, after: 1_300),
            MastercardSales: 30_000,
            Chargebacks: Step(at: 11, before: 120, after: 260),
            FraudChargebacks: Step(at: 11, before: 40, after: 240),
            FraudChargebackTicketCents: GadgetFraudTicketCents),

        // ECM from month 5 (150 of 8,000 = 1.875%); one month below (0.875%) and over again: the timeline resumes, it
        // does not restart; two months of HECM (over 300 and 3%: the issuer recovery assessment on the chargebacks
        // over 300), then ECM again: month 9 of its timeline in the last month.
        new("m-demo-shop-1",
            VisaSales: 40_000,
            VisaDisputes: Flat(200),
            VisaFraudReports: Flat(150),
            MastercardSales: 8_000,
            Chargebacks: [40, 45, 50, 60, 150, 155, 150, 70, 150, 160, 340, 345, 160, 155],
            FraudChargebacks: [10, 12, 15, 20, 50, 52, 50, 20, 50, 55, 110, 115, 50, 50],
            FraudChargebackTicketCents: TicketCents),

        // ECM for three months (1.8%), three months below 1.5% (exit), two quiet months, then ECM again: entered a second
        // time, its fines starting over from month 1.
        new("m-demo-shop-0",
            VisaSales: 60_000,
            VisaDisputes: Flat(150),
            VisaFraudReports: Flat(100),
            MastercardSales: 10_000,
            Chargebacks: [50, 55, 180, 175, 185, 60, 55, 50, 45, 50, 170, 175, 180, 172],
            FraudChargebacks: [10, 12, 40, 38, 42, 15, 12, 10, 9, 10, 40, 41, 43, 40],
            FraudChargebackTicketCents: TicketCents),

        // Well under every threshold.
        new("m-demo-shop-2",
            VisaSales: 20_000,
            VisaDisputes: Flat(20),
            VisaFraudReports: Flat(10),
            MastercardSales: 10_000,
            Chargebacks: Flat(15),
            FraudChargebacks: Flat(5),
            FraudChargebackTicketCents: TicketCents),
    ];

    /// <summary>The first imported month when <paramref name="running"/> is the running month.</summary>
    public static YearMonth FirstMonth(YearMonth running) => running.AddMonths(-Months);

    private static long[] Flat(long value) => [.. Enumerable.Repeat(value, Months)];

    private static long[] Step(int at, long before, long after) => [.. Enumerable.Range(0, Months).Select(i => i < at ? before : after)];

    /// <summary>One demo merchant's months: a value per month, oldest first; every sale is card-not-present (online shops).</summary>
    internal sealed record DemoMerchantHistory(
        string MerchantId,
        long VisaSales,
        long[] VisaDisputes,
        long[] VisaFraudReports,
        long MastercardSales,
        long[] Chargebacks,
        long[] FraudChargebacks,
        long FraudChargebackTicketCents)
    {
        /// <summary>The rows of a history import: both networks of each of the <see cref="Months"/> months before <paramref name="running"/>.</summary>
        public ImmutableArray<ReportedMonth> Rows(YearMonth running)
        {
            var first = FirstMonth(running);
            var rows = ImmutableArray.CreateBuilder<ReportedMonth>(Months * 2);
            for (var i = 0; i < Months; i++)
            {
                var month = first.AddMonths(i);
                rows.Add(Row(month, CardNetwork.Visa, VisaSales, VisaDisputes[i], fraudDisputes: VisaDisputes[i] / 2, TicketCents, VisaFraudReports[i]));
                rows.Add(Row(month, CardNetwork.Mastercard, MastercardSales, Chargebacks[i], FraudChargebacks[i], FraudChargebackTicketCents, fraudReports: 0));
            }

            return rows.MoveToImmutable();
        }

        private static ReportedMonth Row(YearMonth month, CardNetwork network, long sales, long disputes, long fraudDisputes, long fraudTicketCents, long fraudReports) => new()
        {
            Month = month,
            Network = network,
            SalesCount = sales,
            CardNotPresentSalesCount = sales,
            SalesAmount = Usd(sales * TicketCents),
            DisputeCount = disputes,
            DisputeAmount = Usd(((disputes - fraudDisputes) * TicketCents) + (fraudDisputes * fraudTicketCents)),
            FraudDisputeCount = fraudDisputes,
            FraudDisputeAmount = Usd(fraudDisputes * fraudTicketCents),
            FraudReportCount = fraudReports,
            FraudReportAmount = Usd(fraudReports * TicketCents),
        };

        private static Money Usd(long cents) => new(cents, "USD");
    }
}
