namespace ActorRisk.Domain.Programs;

/// <summary>What a fine component is multiplied by.</summary>
public enum FineBasis
{
    /// <summary>A flat amount for the month.</summary>
    PerMonth,

    /// <summary>Per counted item of the program's metric (disputes for VDMP, fraud+disputes for VAMP).</summary>
    PerItem,

    /// <summary>Per item above <see cref="FineComponent.ItemsOver"/> (Mastercard's issuer recovery assessment).</summary>
    PerItemOver,
}

public sealed record FineComponent(string Label, Values.Money Amount, FineBasis Basis, long ItemsOver = 0);

/// <summary>Fines for months <see cref="FromMonth"/> through <see cref="ThroughMonth"/> (null: every later month).</summary>
public sealed record FineBand(int FromMonth, int? ThroughMonth, ImmutableArray<FineComponent> Components)
{
    public bool Covers(int monthInProgram) => monthInProgram >= FromMonth && (ThroughMonth is null || monthInProgram <= ThroughMonth);

    /// <summary>"month 2", "months 5-9", "months 10+".</summary>
    public string MonthRange => ThroughMonth switch
    {
        null => $"months {FromMonth}+",
        var through when through == FromMonth => $"month {FromMonth}",
        var through => $"months {FromMonth}-{through}",
    };
}

/// <summary>A tier's fines by month in program. A month no band covers costs nothing.</summary>
public sealed record FineSchedule(string Currency, ImmutableArray<FineBand> Bands)
{
    public static FineSchedule None(string currency) => new(currency, []);

    public FineBand? BandFor(int monthInProgram) => Bands.FirstOrDefault(b => b.Covers(monthInProgram));

    /// <summary>The fine lines for a month: one per component of the band that covers it.</summary>
    public ImmutableArray<FineLine> LinesFor(int monthInProgram, long items, string itemNoun)
    {
        if (BandFor(monthInProgram) is not { } band)
        {
            return [];
        }

        return [.. band.Components.Select(c => c.Basis switch
        {
            FineBasis.PerMonth => new FineLine($"{c.Label} (month {monthInProgram})", c.Amount),
            FineBasis.PerItem => new FineLine($"{c.Label}: {c.Amount} x {items:N0} {itemNoun}", c.Amount * items),
            FineBasis.PerItemOver => new FineLine(
                $"{c.Label}: {c.Amount} x {Math.Max(0, items - c.ItemsOver):N0} {itemNoun} over {c.ItemsOver:N0}",
                c.Amount * Math.Max(0, items - c.ItemsOver)),
            _ => throw new InvalidOperationException($"Unknown fine basis {c.Basis}."),
        })];
    }
}

/// <summary>One line of a month's fine, as it would appear on the acquirer's letter.</summary>
public sealed record FineLine(string Label, Values.Money Amount);
