using System.Buffers;
using System.Text;
using ActorRisk.Api.Endpoints;
using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Values;
using CsCheck;
using Xunit.Abstractions;

namespace ActorRisk.Api.Tests.Endpoints;

/// <summary>
/// Fuzzes the history import's readers: a line of the NDJSON batch becomes a month the domain can count or exactly one
/// error on its line, and the same row sent in a single request (POST /v1/merchants/{id}/history) is read alike, its
/// errors named under months[0]. A failure prints CsCheck's seed and the input as base64.
/// </summary>
public sealed class HistoryRowsFuzzTests(ITestOutputHelper output)
{
    /// <summary>Mostly a history row with a few fields or bytes changed; now and then another route's body or noise.</summary>
    private static readonly Gen<byte[]> Rows = Gen.Frequency(
        (8, FuzzInputs.Mutated(FuzzInputs.HistoryRowBodies, maxFieldEdits: 3, maxByteEdits: 1)),
        (1, FuzzInputs.AnyBody)).Select(row => row.Where(b => b != (byte)'\n').ToArray());

    [Fact]
    public void AnyLineIsAMonthOrOneErrorOnItsLineAsTheSingleRequestWouldAnswer() =>
        Check.Sample(
            Gen.Select(Rows, FuzzInputs.Cuts, Gen.Int[1, 1_000_000]),
            (row, cuts, line) => AssertRowReadOrRejected(row, cuts, line),
            output.WriteLine,
            time: FuzzInputs.Seconds(8),
            threads: 1,
            print: input => $"line {input.Item3}: {FuzzInputs.Print(input.Item1, input.Item2)}");

    [Fact]
    public void TheRowsTheFuzzStartsFromAreImported()
    {
        // Were a sample stale (a row gained a required field), the fuzz would only ever test refusals.
        foreach (var row in FuzzInputs.HistoryRowBodies)
        {
            Assert.Equal("a month", AssertRowReadOrRejected(FuzzInputs.Write(row), [], line: 1));
        }
    }

    [Fact]
    public void NestedFieldsAreNamedByTheirPath()
    {
        var (document, problem) = JsonBody.Parse(new ReadOnlySequence<byte>("""{"months":[{"salesAmount":{"amount":-1,"currency":"usd"},"month":"2024-13"},3,{"salesAmount":7}]}"""u8.ToArray()));
        Assert.Null(problem);
        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            var rows = fields.Items("months", 1, 240, "months")!;
            Assert.Null(rows[1]);
            Assert.Null(rows[0]!.Money("salesAmount", required: true, 1_000));
            Assert.Null(rows[0]!.Month("month", required: true));
            Assert.Null(rows[2]!.Money("salesAmount", required: true, 1_000));
            Assert.Null(rows[2]!.Money("disputeAmount", required: true, 1_000));

            Assert.Equal(
                ["months[0].month", "months[0].salesAmount.amount", "months[0].salesAmount.currency", "months[1]", "months[2].disputeAmount", "months[2].salesAmount"],
                fields.Errors.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["Must be a month (2024-01)."], fields.Errors["months[0].month"]);
            Assert.Equal(["Must be an object."], fields.Errors["months[1]"]);
            Assert.Equal(["Required."], fields.Errors["months[2].disputeAmount"]);
        }
    }

    [Theory]
    [InlineData("""{"months":{}}""", "Must be an array of months.")]
    [InlineData("""{"months":[]}""", "Must hold 1 to 240 months; it holds 0.")]
    [InlineData("""{}""", "Required.")]
    public void TheMonthsAreAnArrayOfOneTo240(string body, string error)
    {
        var (document, _) = JsonBody.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)));
        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            Assert.Null(fields.Items("months", 1, HistoryRows.MaxRowsPerRequest, "months"));
            Assert.Equal([error], fields.Errors["months"]);
        }
    }

    private static string AssertRowReadOrRejected(byte[] row, int[] cuts, int line)
    {
        var report = new HistoryBatchReport();
        var parsed = HistoryBatchImport.ParseRow(FuzzInputs.Segmented(row, cuts), line, FuzzInputs.Clock, FuzzInputs.Settings, report);
        var response = report.ToResponse(line);

        // The same bytes as a single request's only month: {"months":[row]}, its merchant from the route.
        IReadOnlyDictionary<string, string[]>? singleErrors;
        ReportedMonth? single = null;
        var (rowDocument, rowProblem) = JsonBody.Parse(new ReadOnlySequence<byte>(row));
        using (rowDocument)
        {
            if (rowDocument is null)
            {
                singleErrors = FuzzInputs.AssertValidationProblem(rowProblem);
            }
            else
            {
                var (document, problem) = JsonBody.Parse(new ReadOnlySequence<byte>([.. """{"months":["""u8, .. row, .. "]}"u8]));
                using (document)
                {
                    if (document is null)
                    {
                        // Two levels deeper than the line, past the reader's depth (a field the reader skips may nest that deep).
                        FuzzInputs.AssertValidationProblem(problem);
                        return "too deep to send as a single request";
                    }

                    var fields = new RequestFields(document!.RootElement);
                    var months = fields.Items("months", 1, HistoryRows.MaxRowsPerRequest, "months");
                    single = HistoryRows.Parse(Assert.Single(months!)!, FuzzInputs.Clock, FuzzInputs.Settings);
                    Assert.True(single is null != fields.IsValid, "The single request answered neither a month nor errors, or both.");
                    singleErrors = fields.IsValid ? null : fields.Errors;
                }
            }
        }

        if (parsed is { } accepted)
        {
            Assert.Equal(0, response.Rejected);
            Assert.Empty(response.Errors);
            Assert.Equal(line, accepted.Line);
            Assert.True(Identifiers.IsValid(accepted.MerchantId, 64));
            Assert.Empty(accepted.Month.Problems(FuzzInputs.Settings.Rates));
            Assert.True(accepted.Month.Month >= new YearMonth(2020, 1) && accepted.Month.Month <= YearMonth.Of(FuzzInputs.Clock.GetUtcNow()), accepted.Month.Month.ToString());
            Assert.Equal(single, accepted.Month);
            return "a month";
        }

        var error = FuzzInputs.AssertOneRowRefused(response.Rejected, response.Errors, line);
        if (rowDocument is null)
        {
            Assert.Equal(singleErrors!.Keys.Order(StringComparer.Ordinal), error.Errors.Keys.Order(StringComparer.Ordinal));
            return error.Errors.ContainsKey("$") ? "refused under $ (malformed, not one object, too deep, a bad name)" : "refused on a field's text";
        }

        // The row's own fields are named alike, under months[0] in the single request; its merchant is the route's there.
        var rowFields = error.Errors.Keys.Where(k => k != "merchantId").Select(k => $"months[0].{k}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(rowFields, (singleErrors?.Keys ?? []).Order(StringComparer.Ordinal));
        return error.Errors.ContainsKey("merchantId") && rowFields.Count == 0 ? "refused on its merchant alone" : "refused on a field";
    }
}
