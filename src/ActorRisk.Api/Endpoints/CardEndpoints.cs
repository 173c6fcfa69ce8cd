using System.Security.Claims;
using ActorRisk.Api.Cards;
using ActorRisk.Api.Security;
using ActorRisk.ReadModels.Cards;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>Card state for analysts, and the operator's block and unblock (audited: who, when, why).</summary>
internal static class CardEndpoints
{
    public static void MapCardEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/cards").WithTags("Cards");
        // Searching across cards is the risk team's work; a gateway only ever reads a card it holds the token of.
        group.MapGet("", FindAsync)
            .RequireAuthorization(ApiPermissions.SearchCards)
            .WithName("FindCards")
            .WithSummary("Cards by last four digits and/or a merchant they were used at (?last4=4242&merchantId=m-1&limit=50), most recently active first.")
            .Produces<CardListResponse>()
            .ProducesValidationProblem();
        group.MapGet("/{cardToken}", GetAsync)
            .RequireAuthorization(ApiPermissions.ReadCard)
            .WithName("GetCard")
            .WithSummary("Counters per window, block state and the last decisions of a card.")
            .Produces<CardResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{cardToken}/block", (string cardToken, HttpRequest http, CardOperations operations, TimeProvider clock, IOptions<ApiOptions> options) =>
                ActAsync(cardToken, http, operations, clock, options, block: true))
            .RequireAuthorization(ApiPermissions.BlockCards)
            .WithName("BlockCard")
            .WithSummary("Block a card (until a time, or until unblocked). Audited.")
            .Accepts<CardActionBody>("application/json")
            .Produces<CardResponse>()
            .ProducesValidationProblem();
        group.MapPost("/{cardToken}/unblock", (string cardToken, HttpRequest http, CardOperations operations, TimeProvider clock, IOptions<ApiOptions> options) =>
                ActAsync(cardToken, http, operations, clock, options, block: false))
            .RequireAuthorization(ApiPermissions.BlockCards)
            .WithName("UnblockCard")
            .WithSummary("Lift a card's block and forgive its recent velocity. Audited.")
            .Accepts<CardActionBody>("application/json")
            .Produces<CardResponse>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> FindAsync(HttpRequest http, CardSearch search)
    {
        var query = new QueryFields(http.Query);
        var last4 = http.Query["last4"].ToString() is { Length: > 0 } digits ? digits : null;
        if (last4 is not null && !CardSearch.IsLast4(last4))
        {
            query.Errors["last4"] = ["Must be the card's last four digits."];
        }

        var merchantId = query.Id("merchantId", 64);
        var limit = query.Int("limit", 50, 1, CardSearch.MaxLimit);
        if (query.IsValid && last4 is null && merchantId is null)
        {
            query.Errors["last4"] = ["Give last4, merchantId or both."];
        }

        if (!query.IsValid)
        {
            return Problems.Validation(query.Errors);
        }

        var result = await search.FindAsync(new CardQuery(last4, merchantId, limit), http.HttpContext.RequestAborted);
        return Results.Ok(new CardListResponse([.. result.Cards.Select(c => c.ToListItem())], result.More));
    }

    private static async Task<IResult> GetAsync(string cardToken, IGrainFactory grains)
    {
        if (!PanTokenizer.IsToken(cardToken))
        {
            return Problems.Validation(new() { ["cardToken"] = [$"Must be a card token ({PanTokenizer.TokenPrefix}...)."] });
        }

        var card = await grains.GetGrain<ICardGrain>(cardToken).GetAsync();
        return card.RecentDecisions.IsEmpty && card.Block is null
            ? Problems.NotFound($"No activity is recorded for card {cardToken}.")
            : Results.Ok(card.ToResponse());
    }

    private static async Task<IResult> ActAsync(string cardToken, HttpRequest http, CardOperations operations, TimeProvider clock, IOptions<ApiOptions> options, bool block)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            if (!PanTokenizer.IsToken(cardToken))
            {
                fields.Fail("cardToken", $"Must be a card token ({PanTokenizer.TokenPrefix}...).");
            }

            var reason = fields.AuditReason();

            var until = block ? fields.Instant("until") : null;
            if (until is { } end && end <= clock.GetUtcNow())
            {
                fields.Fail("until", "Must be in the future.");
            }

            if (!fields.IsValid)
            {
                return Problems.Validation(fields.Errors);
            }

            var actor = http.HttpContext.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
            var snapshot = block ? await operations.BlockAsync(cardToken, reason!, actor, until) : await operations.UnblockAsync(cardToken, reason!, actor);
            return Results.Ok(snapshot.ToResponse());
        }
    }
}
