namespace ActorRisk.Cli;

/// <summary>
/// A card-testing burst (1-yen online authorizations without the security code, 40 s apart) next to a normal
/// shopper, decided by the default velocity policy.
/// </summary>
internal static class CardTestingDemo
{
    public static void Run()
    {
        var clock = new DemoClock(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var engine = new CardRiskEngine(clock);
        var policy = CardVelocityPolicy.Default;
        var tester = CardRiskState.New;
        var shopper = CardRiskState.New;

        var table = new Table().Title("[bold]Card testing: the default velocity policy at work[/]")
            .AddColumns("Time (UTC)", "Card", "Merchant", "Amount", "Decision", "Reason codes", "Blocked until");

        var steps = new List<(string Card, CardAuthorization Authorization, TimeSpan After)>();
        for (var i = 1; i <= 5; i++)
        {
            steps.Add(("tester", new CardAuthorization($"auth-t{i}", "m-gadgets-online", Money.Jpy(1), CvcProvided: false), TimeSpan.FromSeconds(40)));
        }

        steps.Add(("shopper", new CardAuthorization("auth-s1", "m-gadgets-online", Money.Jpy(12_800), CvcProvided: true), TimeSpan.FromMinutes(3)));
        steps.Add(("shopper", new CardAuthorization("auth-s2", "m-gas-station-17", Money.Jpy(1), CardPresent: true), TimeSpan.FromMinutes(30)));
        steps.Add(("shopper", new CardAuthorization("auth-s3", "m-gas-station-17", Money.Jpy(0), CardPresent: true, IsVerification: true), TimeSpan.FromMinutes(1)));
        steps.Add(("tester", new CardAuthorization("auth-t6", "m-bookshop", Money.Jpy(4_500), CvcProvided: true), TimeSpan.FromHours(23)));
        steps.Add(("tester", new CardAuthorization("auth-t7", "m-bookshop", Money.Jpy(4_500), CvcProvided: true), TimeSpan.FromHours(1)));

        var explanations = new List<string>();
        foreach (var (card, authorization, after) in steps)
        {
            clock.Advance(after);
            var state = card == "tester" ? tester : shopper;
            var evaluation = engine.Evaluate(state, authorization, policy);
            if (card == "tester")
            {
                tester = evaluation.State;
            }
            else
            {
                shopper = evaluation.State;
            }

            var decision = evaluation.Decision;
            if (decision.Reasons.Any(r => r.Code != ReasonCodes.NoRiskSignals && r.Code != ReasonCodes.CardBlocked))
            {
                explanations.Add($"[bold]{authorization.AuthorizationId}[/] {Styled(decision.Action)}: " +
                                 Markup.Escape(string.Join(" ", decision.Reasons.Where(r => r.Code != ReasonCodes.CardBlocked).Select(r => r.Message))));
            }

            table.AddRow(
                clock.GetUtcNow().ToString("MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                card,
                authorization.MerchantId,
                authorization.Amount.ToString(),
                Styled(decision.Action),
                Markup.Escape(string.Join("\n", decision.Reasons.Select(r => r.Code))),
                decision.CardBlockedUntil?.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        }

        AnsiConsole.Write(table);
        foreach (var line in explanations)
        {
            AnsiConsole.MarkupLine(line);
        }
    }

    public static string Styled(RiskAction action) => action switch
    {
        RiskAction.Decline => "[red bold]decline[/]",
        RiskAction.Challenge => "[yellow]challenge[/]",
        RiskAction.Review => "[blue]review[/]",
        _ => "[green]approve[/]",
    };
}
