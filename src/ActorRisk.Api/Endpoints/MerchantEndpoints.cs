using System.Security.Claims;
using ActorRisk.Api.Security;
using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.ReadModels.Audit;
using ActorRisk.ReadModels.Merchants;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Merchant records from the acquirer's back office (settlement batches, disputes, fraud reports), idempotent by
/// id and durable before the answer, and the merchant's month, programs, projection and history.
/// </summary>
internal static class MerchantEndpoints
{
    private const long MaxAmount = 1_000_000_000_000_000;
    private const long MaxCount = 1_000_000_000;

    public static void MapMerchantEndpoints(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/v1").WithTags("Merchant records");
        foreach (var (path, kind, name, summary, body) in new[]
        {
            ("/sales", MerchantEventKind.Sales, "RecordSales", "Record a settlement batch (many sales in one record). Idempotent by batchId.", typeof(SalesBatchBody)),
            ("/disputes", MerchantEventKind.Dispute, "RecordDispute", "Record a dispute or chargeback. Idempotent by disputeId.", typeof(DisputeBody)),
            ("/fraud-reports", MerchantEventKind.FraudReport, "RecordFraudReport", "Record an issuer fraud report (TC40 / SAFE). Idempotent by reportId.", typeof(FraudReportBody)),
        })
        {
            records.MapPost(path, (HttpRequest http, MerchantRecorder recorder, PanTokenizer tokenizer, TimeProvider clock, MerchantSettings settings, IOptions<ApiOptions> options) =>
                    RecordAsync(http, recorder, tokenizer, clock, settings, options, kind))
                .RequireAuthorization(ApiPermissions.RecordMerchantEvents)
                .WithName(name)
                .WithSummary(summary)
                .Accepts(body, "application/json")
                .Produces<IngestionResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        var merchants = app.MapGroup("/v1/merchants").WithTags("Merchants");
        merchants.MapGet("", ListAsync)
            .RequireAuthorization(ApiPermissions.ReadMerchants)
            .WithName("ListMerchants")
            .WithSummary("Merchants riskiest first (or by id, fines, last close), optionally only ids starting with q, in a program and/or with a status (?q=shop-&sort=fines&program=VDMP&status=enforcement&page=1&pageSize=50).")
            .Produces<MerchantListResponse>()
            .ProducesValidationProblem();
        merchants.MapGet("/{merchantId}", GetAsync)
            .RequireAuthorization(ApiPermissions.ReadMerchants)
            .WithName("GetMerchant")
            .WithSummary("This month's totals and ratios, programs after the last close, projection, and 24 closed months.")
            .Produces<MerchantResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        merchants.MapPut("/{merchantId}/profile", SetProfileAsync)
            .RequireAuthorization(ApiPermissions.ManageMerchants)
            .WithName("SetMerchantProfile")
            .WithSummary("Set the merchant's category code and high-brand-risk / regulated-market flags. Audited.")
            .Accepts<MerchantProfileBody>("application/json")
            .Produces<MerchantResponse>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> RecordAsync(HttpRequest http, MerchantRecorder recorder, PanTokenizer tokenizer, TimeProvider clock, MerchantSettings settings, IOptions<ApiOptions> options, MerchantEventKind kind)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            var (merchantId, record) = Parse(fields, kind, tokenizer, clock, settings);
            if (record is null || merchantId is null)
            {
                return Problems.Validation(fields.Errors);
            }

            try
            {
                var receipt = await recorder.RecordAsync(merchantId, record, http.HttpContext.RequestAborted);
                return Results.Ok(receipt.ToResponse());
            }
            catch (IngestionConflictException exception)
            {
                return Problems.Conflict(exception.Message);
            }
            catch (MerchantEventRejectedException exception)
            {
                return Problems.Validation(new() { [exception.Field] = [exception.Reason] });
            }
            catch (Exception exception) when (Problems.IsTransient(exception))
            {
                return Problems.Unavailable(exception, IdField(kind));
            }
        }
    }

    internal static (string? MerchantId, MerchantEvent? Record) Parse(RequestFields fields, MerchantEventKind kind, PanTokenizer tokenizer, TimeProvider clock, MerchantSettings settings)
    {
        var id = fields.Id(IdField(kind), maxLength: 128);
        var merchantId = fields.Id("merchantId");
        var network = fields.Enum<CardNetwork>("network", required: true);
        var amount = fields.Integer("amount", required: true, 0, MaxAmount, "minor units");
        var currency = fields.Currency("currency");
        if (currency is not null && !settings.Rates.CanConvert(currency))
        {
            fields.Fail("currency", $"No USD rate is configured for {currency} (ActorRisk:ExchangeRates); amounts must be converted for Visa's USD thresholds.");
        }

        var date = Date(fields, clock, settings);
        long count = 1;
        var cardPresent = false;
        long threeDs = 0;
        string? reasonCode = null;
        var fraud = false;
        string? cardToken = null;
        var rdr = false;
        var compellingEvidence = false;
        switch (kind)
        {
            case MerchantEventKind.Sales:
                count = fields.Integer("count", required: true, 1, MaxCount, "sales") ?? 0;
                cardPresent = fields.Boolean("cardPresent", required: true) ?? false;
                threeDs = fields.Integer("threeDsAuthenticated", required: false, 0, MaxCount, "sales") ?? 0;
                if (threeDs > 0 && (cardPresent || threeDs > count))
                {
                    fields.Fail("threeDsAuthenticated", "3-D Secure applies to card-not-present sales and cannot exceed count.");
                }

                break;
            case MerchantEventKind.Dispute:
                reasonCode = fields.Id("reasonCode", maxLength: 16);
                fraud = fields.Boolean("fraud", required: true) ?? false;
                rdr = fields.Boolean("resolvedByRdr") ?? false;
                cardToken = CardOf(fields, tokenizer);
                break;
            default:
                compellingEvidence = fields.Boolean("compellingEvidence") ?? false;
                break;
        }

        if (!fields.IsValid)
        {
            return (null, null);
        }

        return (merchantId, new MerchantEvent(kind, id!, network!.Value, date!.Value, new Money(amount!.Value, currency!), count, cardPresent, threeDs, reasonCode, fraud, cardToken, rdr, compellingEvidence));
    }

    internal static string IdField(MerchantEventKind kind) => kind switch
    {
        MerchantEventKind.Sales => "batchId",
        MerchantEventKind.Dispute => "disputeId",
        _ => "reportId",
    };

    // A calendar date (2025-03-31, read as UTC) or an instant with an offset; the month is the UTC month.
    private static DateTimeOffset? Date(RequestFields fields, TimeProvider clock, MerchantSettings settings)
    {
        DateTimeOffset? date;
        if (fields.Has("date") && fields.String("date", maxLength: 40) is { Length: 10 } day)
        {
            date = DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : null;
            if (date is null)
            {
                fields.Fail("date", "Must be a date (2025-03-31) or an ISO 8601 instant with an offset.");
            }
        }
        else
        {
            date = fields.Instant("date", required: true);
        }

        if (date is { } value)
        {
            if (value > clock.GetUtcNow().AddDays(1))
            {
                fields.Fail("date", "Must not be in the future.");
                return null;
            }

            if (YearMonth.Of(value) < settings.EarliestMonth)
            {
                fields.Fail("date", $"Records dated before {settings.EarliestMonth} are not accepted (the program rulebook starts there).");
                return null;
            }
        }

        return date;
    }

    private static string? CardOf(RequestFields fields, PanTokenizer tokenizer)
    {
        if (fields.Has("cardToken") && fields.Has("pan"))
        {
            fields.Fail("pan", "Send cardToken or pan, not both.");
            return null;
        }

        if (fields.Has("pan"))
        {
            var pan = fields.String("pan", maxLength: 19);
            if (pan is null)
            {
                return null;
            }

            if (!PanTokenizer.IsValidPan(pan))
            {
                fields.Fail("pan", "Must be 12 to 19 digits with a valid check digit.");
                return null;
            }

            return tokenizer.Tokenize(pan).Token;
        }

        return fields.Has("cardToken") ? fields.Pattern("cardToken", PanTokenizer.IsToken, $"Must be a card token ({PanTokenizer.TokenPrefix}...).", 64) : null;
    }

    private static async Task<IResult> ListAsync(HttpRequest http, IMerchantDirectory directory)
    {
        var query = new QueryFields(http.Query);
        var program = query.Enum<MonitoringProgram>("program", p => p.ToString());
        var status = query.Enum<ProgramStatus>("status", s => s.Name());
        var page = query.Int("page", 1, 1, 100_000);
        var pageSize = query.Int("pageSize", 50, 1, 200);
        var search = query.IdPrefix("q", 64);
        var sort = query.Enum<MerchantSort>("sort", s => s.Name()) ?? MerchantSort.Risk;
        if (!query.IsValid)
        {
            return Problems.Validation(query.Errors);
        }

        var result = await directory.ListAsync(new MerchantQuery(program, status, page, pageSize, search, sort), http.HttpContext.RequestAborted);
        return Results.Ok(result.ToResponse());
    }

    private static async Task<IResult> GetAsync(string merchantId, IGrainFactory grains, CardPolicyStore policies)
    {
        if (!Identifiers.IsValid(merchantId, 64))
        {
            return Problems.Validation(new() { ["merchantId"] = [Identifiers.Rule(64)] });
        }

        var merchant = await grains.GetGrain<IMerchantGrain>(merchantId).GetAsync();
        var suspension = policies.Book.Suspensions.GetValueOrDefault(merchantId);
        return merchant.Known || suspension is not null
            ? Results.Ok(merchant.ToResponse(suspension))
            : Problems.NotFound($"Nothing is recorded for merchant {merchantId}.");
    }

    private static async Task<IResult> SetProfileAsync(string merchantId, HttpRequest http, IGrainFactory grains, IAuditLog audit, TimeProvider clock, IOptions<ApiOptions> options, CardPolicyStore policies)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            fields.PathId("merchantId", merchantId);

            var mcc = fields.Has("mcc") ? fields.Pattern("mcc", m => m.Length == 4 && m.All(char.IsAsciiDigit), "Must be a 4-digit merchant category code.", 4) : null;
            var highBrandRisk = fields.Boolean("highBrandRisk") ?? false;
            var regulated = fields.Boolean("regulatedMarket") ?? false;
            var reason = fields.AuditReason();

            if (!fields.IsValid)
            {
                return Problems.Validation(fields.Errors);
            }

            var actor = http.HttpContext.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
            await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), clock.GetUtcNow(), actor, "merchant.profile", merchantId, reason!,
                System.Text.Json.JsonSerializer.Serialize(new { mcc, highBrandRisk, regulatedMarket = regulated })));
            var merchant = await grains.GetGrain<IMerchantGrain>(merchantId).SetProfileAsync(new MerchantProfileUpdate(mcc, highBrandRisk, regulated));
            return Results.Ok(merchant.ToResponse(policies.Book.Suspensions.GetValueOrDefault(merchantId)));
        }
    }
}
