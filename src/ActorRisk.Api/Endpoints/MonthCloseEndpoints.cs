using System.Security.Claims;
using ActorRisk.Api.Security;
using ActorRisk.ReadModels.Audit;
using ActorRisk.ReadModels.Merchants;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// The back-office month close on demand: closes a month for every merchant, as each merchant's reminder does at
/// the month's end plus the grace period. Idempotent: a month already closed is left as it is.
/// </summary>
internal static class MonthCloseEndpoints
{
    private const int PageSize = 500;
    private const int Parallelism = 16;

    public static void MapMonthCloseEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/months/{month}/close", CloseAsync)
            .WithTags("Merchants")
            .RequireAuthorization(ApiPermissions.CloseMonths)
            .WithName("CloseMonth")
            .WithSummary("Close a month (yyyy-MM) for every merchant now: evaluate programs, advance month counters, assess fines. Idempotent. Audited.")
            .Produces<MonthCloseResponse>()
            .ProducesValidationProblem();

    private static async Task<IResult> CloseAsync(string month, HttpContext http, IGrainFactory grains, IMerchantDirectory directory, IAuditLog audit, TimeProvider clock)
    {
        if (!YearMonth.TryParse(month, out var closing))
        {
            return Problems.Validation(new() { ["month"] = ["Must be a month in the form yyyy-MM."] });
        }

        var now = clock.GetUtcNow();
        if (closing.End > now)
        {
            return Problems.Validation(new() { ["month"] = [$"{closing} has not ended yet (it ends {closing.End:yyyy-MM-dd HH:mm} UTC)."] });
        }

        if (closing < MerchantSettings.RulebookStart)
        {
            return Problems.Validation(new() { ["month"] = [$"Months before {MerchantSettings.RulebookStart} are not covered by the program rulebook."] });
        }

        var actor = http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
        await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), now, actor, "month.close", closing.ToString(), "Month close on demand."));

        var merchants = 0;
        var closedNow = 0;
        var alreadyClosed = 0;
        var failed = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await directory.ListIdsAsync(after, PageSize, http.RequestAborted);
            if (page.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = http.RequestAborted }, async (merchantId, _) =>
            {
                try
                {
                    var result = await grains.GetGrain<IMerchantGrain>(merchantId).CloseMonthAsync(closing);
                    Interlocked.Increment(ref merchants);
                    if (!result.ClosedNow.IsEmpty)
                    {
                        Interlocked.Increment(ref closedNow);
                    }
                    else if (result.AlreadyClosed)
                    {
                        Interlocked.Increment(ref alreadyClosed);
                    }
                }
                catch (Exception exception) when (Problems.IsTransient(exception) || exception is InvalidOperationException)
                {
                    lock (failed)
                    {
                        failed.Add(merchantId);
                    }
                }
            });
            after = page[^1];
        }

        return Results.Ok(new MonthCloseResponse(closing, merchants + failed.Count, closedNow, alreadyClosed, [.. failed.Order(StringComparer.Ordinal)]));
    }
}
