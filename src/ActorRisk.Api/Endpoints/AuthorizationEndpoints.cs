using ActorRisk.Api.Security;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>The gateway's hot path: decide an authorization, report the issuer's outcome.</summary>
internal static class AuthorizationEndpoints
{
    private const long MaxAmountMinorUnits = 1_000_000_000_000_000; // 10^15 minor units: beyond any real authorization

    public static void MapAuthorizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/authorizations").WithTags("Authorizations").RequireAuthorization(ApiPermissions.Authorize);
        group.MapPost("/", AuthorizeAsync)
            .WithName("Authorize")
            .WithSummary("Decide an authorization: approve, review, challenge or decline, with reasons. Idempotent by authorizationId.")
            .Accepts<AuthorizationRequestBody>("application/json")
            .Produces<AuthorizationResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/{authorizationId}/outcome", RecordOutcomeAsync)
            .WithName("RecordOutcome")
            .WithSummary("Report the issuer's answer for an authorization (feeds the decline counters). Idempotent.")
            .Accepts<OutcomeRequestBody>("application/json")
            .Produces<OutcomeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> AuthorizeAsync(HttpRequest http, IGrainFactory grains, PanTokenizer tokenizer, RequestOwnership ownership, IOptions<ApiOptions> options)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            var parsed = Parse(fields, tokenizer);
            if (parsed is not { } command)
            {
                return Problems.Validation(fields.Errors);
            }

            try
            {
                var authorizationId = command.Request.Authorization.AuthorizationId;
                if (await ownership.OwnerAsync(CardGrain.AuthorizationScope, authorizationId, http.HttpContext.RequestAborted) is { } owner
                    && !await IsSameCardAsync(grains, owner, command))
                {
                    throw new IdempotencyConflictException(authorizationId);
                }

                var card = grains.GetGrain<ICardGrain>(command.CardToken);
                var decision = await GrainCalls.RetryOnceOnConflictAsync(() => card.AuthorizeAsync(command.Request));
                return Results.Ok(decision.ToResponse());
            }
            catch (IdempotencyConflictException exception)
            {
                return Problems.Conflict(exception.Message);
            }
            catch (Exception exception) when (Problems.IsTransient(exception))
            {
                return Problems.Unavailable(exception);
            }
        }
    }

    /// <summary>
    /// Whether the card that answered an authorization id (<paramref name="owner"/>) is the command's card: its token,
    /// the same card number's token under a previous key, or (a retry across a key rotation) a token whose card moved
    /// to the same card as the command's. The last check reads both cards, so only a reused id pays for it.
    /// </summary>
    private static async Task<bool> IsSameCardAsync(IGrainFactory grains, string owner, CardAuthorizationCommand command)
    {
        if (owner == command.CardToken || command.Request.PreviousCardTokens.Contains(owner))
        {
            return true;
        }

        var answered = await grains.GetGrain<ICardGrain>(owner).GetAsync();
        var asked = await grains.GetGrain<ICardGrain>(command.CardToken).GetAsync();
        return answered.CardToken == asked.CardToken;
    }

    private static async Task<IResult> RecordOutcomeAsync(string authorizationId, HttpRequest http, IGrainFactory grains, RequestOwnership ownership, IOptions<ApiOptions> options)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            if (!Identifiers.IsValid(authorizationId, 64))
            {
                fields.Fail("authorizationId", "Use 1 to 64 letters, digits and - _ . :");
            }

            var approved = fields.Boolean("approved", required: true);
            var declineCode = fields.Id("declineCode", required: false, maxLength: 16);
            if (!fields.IsValid)
            {
                return Problems.Validation(fields.Errors);
            }

            try
            {
                // The request routes name the card that decided this authorization (this silo's last second of
                // decisions is still in memory); that card records the outcome once (an outcome for a decision the card
                // no longer keeps is acknowledged but counts nowhere).
                var card = await ownership.OwnerAsync(CardGrain.AuthorizationScope, authorizationId, http.HttpContext.RequestAborted);
                if (card is null)
                {
                    return Problems.NotFound($"No authorization '{authorizationId}' is known.");
                }

                var result = await grains.GetGrain<ICardGrain>(card).RecordOutcomeAsync(new AuthorizationOutcome(authorizationId, approved!.Value, declineCode));
                return Results.Ok(new OutcomeResponse(authorizationId, result.Recorded, KnownAuthorization: true));
            }
            catch (Exception exception) when (Problems.IsTransient(exception))
            {
                return Problems.Unavailable(exception);
            }
        }
    }

    /// <summary>Reads and validates an authorization body; null (with the field errors in <paramref name="fields"/>) when invalid.</summary>
    internal static CardAuthorizationCommand? Parse(RequestFields fields, PanTokenizer tokenizer)
    {
        var authorizationId = fields.Id("authorizationId");
        var card = ReadCard(fields, tokenizer);
        var merchantId = fields.Id("merchantId");
        var amount = fields.Integer("amount", required: true, min: 0, max: MaxAmountMinorUnits, unit: "minor units");
        var currency = fields.Currency("currency");
        var timestamp = fields.Instant("timestamp");
        var cardPresent = fields.Boolean("cardPresent");
        var cvcProvided = fields.Boolean("cvcProvided");
        var isVerification = fields.Boolean("isVerification");
        var cardType = fields.Enum<CardType>("cardType");
        var mcc = fields.Pattern("mcc", m => m.Length == 4 && m.All(char.IsAsciiDigit), "Must be a 4-digit merchant category code.", 4);
        fields.Pattern("ipAddress", RequestFields.IsIpAddress, "Must be an IPv4 or IPv6 address.", 45);
        fields.String("deviceId", maxLength: 128);
        var issuerCountry = fields.Pattern("issuerCountry", c => c.Length == 2 && c.All(char.IsAsciiLetterUpper), "Must be an ISO 3166 alpha-2 code (upper case).", 2);
        var network = fields.Enum<ActorRisk.Domain.Programs.CardNetwork>("network");
        if (!fields.IsValid)
        {
            return null;
        }

        var authorization = new CardAuthorization(
            authorizationId!,
            merchantId!,
            new Money(amount!.Value, currency!),
            timestamp,
            cardPresent ?? false,
            cvcProvided,
            isVerification ?? false,
            cardType ?? CardType.Unknown,
            mcc,
            issuerCountry);
        return new CardAuthorizationCommand(
            card!.Value.Token,
            new AuthorizationRequest(authorization, card.Value.Last4, network ?? card.Value.Network) { PreviousCardTokens = card.Value.PreviousTokens });
    }

    /// <summary>Exactly one of cardToken and pan; a PAN becomes a token here and goes no further.</summary>
    private static (string Token, string? Last4, ActorRisk.Domain.Programs.CardNetwork? Network, ImmutableArray<string> PreviousTokens)? ReadCard(RequestFields fields, PanTokenizer tokenizer)
    {
        var hasToken = fields.Has("cardToken");
        var hasPan = fields.Has("pan");
        if (hasToken == hasPan)
        {
            fields.Fail(hasToken ? "pan" : "cardToken", "Send exactly one of cardToken and pan.");
            return null;
        }

        if (hasToken)
        {
            var token = fields.Pattern("cardToken", PanTokenizer.IsToken, $"Must be a card token ({PanTokenizer.TokenPrefix}...).", 64);
            return token is null ? null : (token, null, null, []);
        }

        // The PAN is checked without ever being echoed: the error names the field, not the value.
        var pan = fields.Pattern("pan", PanTokenizer.IsValidPan, "Must be a card number of 12 to 19 digits with a valid check digit.", 19);
        if (pan is null)
        {
            return null;
        }

        var (cardToken, last4) = tokenizer.Tokenize(pan);
        return (cardToken, last4, NetworkOf(pan), tokenizer.PreviousTokens(pan));
    }

    /// <summary>The network a card number's first digits belong to (Visa 4; Mastercard 51-55 and 2221-2720), if either.</summary>
    internal static ActorRisk.Domain.Programs.CardNetwork? NetworkOf(string pan)
    {
        if (pan.StartsWith('4'))
        {
            return ActorRisk.Domain.Programs.CardNetwork.Visa;
        }

        var prefix = int.Parse(pan.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        return prefix is >= 5100 and <= 5599 or >= 2221 and <= 2720 ? ActorRisk.Domain.Programs.CardNetwork.Mastercard : null;
    }
}
