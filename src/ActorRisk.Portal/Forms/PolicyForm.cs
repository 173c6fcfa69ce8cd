using System.Globalization;
using ActorRisk.Domain.Cards;

namespace ActorRisk.Portal.Forms;

/// <summary>
/// The default-policy form as posted: every field may be missing or unreadable (a hand-made post, a stale page), so
/// every field is nullable and <see cref="TryApplyTo"/> says what is wrong before any domain value is built. Which
/// values make a sound policy is the domain's <see cref="CardVelocityPolicy.Validate"/>; this checks only that the
/// form can be read into one.
/// </summary>
public sealed class PolicyForm
{
    /// <summary>Blocks and windows longer than the domain allows are refused there; these bounds only keep them convertible.</summary>
    internal const int MaxBlockHours = 24 * 366;

    internal const int MaxWindowMinutes = 60 * 24 * 366;

    public List<LimitForm>? Limits { get; set; }

    public RiskAction? SmallAuthWithoutCvcAction { get; set; }

    public RiskAction? CardPresentUnitAuthorizationAction { get; set; }

    /// <summary>"JPY=100, USD=100": minor units per currency.</summary>
    public string? SmallAmounts { get; set; }

    public long? DefaultSmallAmountMajorUnits { get; set; }

    public int? DeclineRatePercent { get; set; }

    public int? DeclineRateMinAttempts { get; set; }

    public int? DeclineRateWindowMinutes { get; set; }

    public RiskAction? DeclineRateAction { get; set; }

    public int? DeclineRateBlockHours { get; set; }

    public bool DeclineRateEnabled { get; set; }

    public string? Reason { get; set; }

    /// <summary>The posted row for the policy's limit at <paramref name="index"/>, if it was posted.</summary>
    public LimitForm? Limit(int index) => Limits is { } rows && index < rows.Count ? rows[index] : null;

    public static PolicyForm From(CardVelocityPolicy policy) => new()
    {
        Limits = [.. policy.Limits.Select(LimitForm.From)],
        SmallAuthWithoutCvcAction = policy.SmallAuthWithoutCvcAction,
        CardPresentUnitAuthorizationAction = policy.CardPresentUnitAuthorizationAction,
        SmallAmounts = string.Join(", ", policy.SmallAmountThresholds.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}")),
        DefaultSmallAmountMajorUnits = policy.DefaultSmallAmountMajorUnits,
        DeclineRatePercent = policy.DeclineRate is { } rate ? (int)Math.Round(rate.Rate * 100m) : 50,
        DeclineRateMinAttempts = policy.DeclineRate?.MinAttempts ?? 5,
        DeclineRateWindowMinutes = policy.DeclineRate is { } r ? (int)r.Window.TotalMinutes : 60,
        DeclineRateAction = policy.DeclineRate?.Action ?? RiskAction.Decline,
        DeclineRateBlockHours = policy.DeclineRate?.BlockFor is { } block ? (int)block.TotalHours : 0,
        DeclineRateEnabled = policy.DeclineRate?.Enabled ?? false,
    };

    /// <summary>The policy with this form's values, or every field the form is missing or cannot be read from.</summary>
    public bool TryApplyTo(CardVelocityPolicy current, out CardVelocityPolicy next, out List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(current);
        problems = [];
        var limits = new List<VelocityLimit>();
        for (var i = 0; i < current.Limits.Length; i++)
        {
            var limit = current.Limits[i];
            if (Limit(i) is not { } row || row.Code != limit.Code)
            {
                problems.Add($"{limit.Code}: the form did not send this limit; reload the page and try again.");
                continue;
            }

            if (row.TryApplyTo(limit, problems) is { } applied)
            {
                limits.Add(applied);
            }
        }

        var cvc = Required(SmallAuthWithoutCvcAction, "Small online authorization without the security code", problems);
        var unit = Required(CardPresentUnitAuthorizationAction, "Small in-store authorization used as a card check", problems);
        var majorUnits = Required(DefaultSmallAmountMajorUnits, "Other currencies: small up to", problems);
        var percent = Required(DeclineRatePercent, "Declined share (%)", problems);
        var attempts = Required(DeclineRateMinAttempts, "Decline rate: after at least (attempts)", problems);
        var window = InRange(DeclineRateWindowMinutes, 0, MaxWindowMinutes, "Decline rate: within (minutes)", problems);
        var action = Required(DeclineRateAction, "Decline rate: action", problems);
        var blockHours = InRange(DeclineRateBlockHours, 0, MaxBlockHours, "Decline rate: block (hours)", problems);
        var thresholds = SmallAmountThresholds(problems);
        if (problems.Count > 0)
        {
            next = current;
            return false;
        }

        next = current with
        {
            Limits = [.. limits],
            SmallAuthWithoutCvcAction = cvc!.Value,
            CardPresentUnitAuthorizationAction = unit!.Value,
            SmallAmountThresholds = thresholds,
            DefaultSmallAmountMajorUnits = majorUnits!.Value,
            DeclineRate = new DeclineRateLimit(
                TimeSpan.FromMinutes(window!.Value),
                attempts!.Value,
                percent!.Value / 100m,
                action!.Value,
                blockHours > 0 ? TimeSpan.FromHours(blockHours.Value) : null,
                DeclineRateEnabled),
        };
        return true;
    }

    internal static T? Required<T>(T? value, string field, List<string> problems)
        where T : struct
    {
        if (value is null)
        {
            problems.Add($"{field}: required.");
        }
        else if (value is Enum member && !Enum.IsDefined(member.GetType(), member))
        {
            problems.Add($"{field}: not one of the choices.");
            return null;
        }

        return value;
    }

    internal static int? InRange(int? value, int min, int max, string field, List<string> problems)
    {
        if (Required(value, field, problems) is not { } number)
        {
            return null;
        }

        if (number < min || number > max)
        {
            problems.Add($"{field}: between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)}.");
            return null;
        }

        return number;
    }

    // Which currencies exist and which thresholds are sane is the domain's validation; this only reads the text.
    private ImmutableDictionary<string, long> SmallAmountThresholds(List<string> problems)
    {
        var parsed = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var part in (SmallAmounts ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) || !parsed.TryAdd(pair[0].ToUpperInvariant(), minor))
            {
                problems.Add($"Small amounts: \"{part}\" is not CURRENCY=minor units (like JPY=100), or the currency is given twice.");
            }
        }

        return parsed.ToImmutable();
    }
}

/// <summary>One limit's row of <see cref="PolicyForm"/>.</summary>
public sealed class LimitForm
{
    public string? Code { get; set; }

    public int? Threshold { get; set; }

    public int? WindowMinutes { get; set; }

    public RiskAction? Action { get; set; }

    public int? BlockHours { get; set; }

    public bool Enabled { get; set; }

    public static LimitForm From(VelocityLimit limit) => new()
    {
        Code = limit.Code,
        Threshold = limit.Threshold,
        WindowMinutes = (int)limit.Window.TotalMinutes,
        Action = limit.Action,
        BlockHours = limit.BlockFor is { } b ? (int)b.TotalHours : 0,
        Enabled = limit.Enabled,
    };

    public VelocityLimit? TryApplyTo(VelocityLimit limit, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var before = problems.Count;
        var threshold = PolicyForm.Required(Threshold, $"{limit.Code} threshold", problems);
        var window = PolicyForm.InRange(WindowMinutes, 0, PolicyForm.MaxWindowMinutes, $"{limit.Code} window (minutes)", problems);
        var action = PolicyForm.Required(Action, $"{limit.Code} action", problems);
        var blockHours = PolicyForm.InRange(BlockHours, 0, PolicyForm.MaxBlockHours, $"{limit.Code} block (hours)", problems);
        return problems.Count > before
            ? null
            : limit with
            {
                Threshold = threshold!.Value,
                Window = TimeSpan.FromMinutes(window!.Value),
                Action = action!.Value,
                BlockFor = blockHours > 0 ? TimeSpan.FromHours(blockHours.Value) : null,
                Enabled = Enabled,
            };
    }
}
