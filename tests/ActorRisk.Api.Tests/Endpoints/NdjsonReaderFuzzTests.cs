using System.Buffers;
using ActorRisk.Abstractions.Merchants;
using ActorRisk.Api.Endpoints;
using CsCheck;
using Xunit.Abstractions;

namespace ActorRisk.Api.Tests.Endpoints;

/// <summary>
/// Fuzzes the NDJSON imports' reader (NdjsonUpload, BulkRecordEndpoints): how a body is cut into lines whatever pieces it
/// arrives in, and how one row becomes a record or exactly one error on its line. Each property runs for a fixed
/// time on one thread; a failure prints CsCheck's seed and the input as base64.
/// </summary>
public sealed class NdjsonReaderFuzzTests(ITestOutputHelper output)
{
    private static readonly MerchantEventKind[] Kinds = Enum.GetValues<MerchantEventKind>();

    /// <summary>Bodies thick with line ends, carriage returns and blanks, so lines are short, empty or blank as often as not.</summary>
    private static readonly Gen<byte[]> LineBytes = Gen.Frequency(
        (3, Gen.OneOf((byte)'\n', (byte)'\r', (byte)' ', (byte)'\t')),
        (3, Gen.Byte[(byte)'a', (byte)'e']),
        (1, Gen.Byte)).Array[0, 160];

    /// <summary>
    /// An import and a row as the line splitter hands it over (no '\n'; a '\r' left at the end by CRLF files): mostly a
    /// mutated row of that import, now and then one of another import, a request body of another route, or noise.
    /// </summary>
    private static readonly Gen<(MerchantEventKind Import, byte[] Row)> Rows = Gen.Int[0, Kinds.Length - 1].SelectMany(kind => Gen.Select(
        Gen.Frequency((4, Gen.Const(kind)), (1, Gen.Int[0, Kinds.Length - 1])),
        Gen.Frequency((8, FuzzInputs.Mutated(FuzzInputs.RowBodies[Kinds[kind]], maxFieldEdits: 3, maxByteEdits: 2)), (1, FuzzInputs.AnyBody)),
        Gen.Bool,
        (import, row, crlf) => (Kinds[import], (byte[])[.. row.Where(b => b != (byte)'\n'), .. crlf ? "\r"u8.ToArray() : []])));

    [Fact]
    public void LinesAreTheBytesBetweenLineFeedsHoweverTheBodyArrives() =>
        Check.Sample(
            Gen.Select(LineBytes, FuzzInputs.Cuts, Gen.Int[0, 40].Array[0, 12]),
            (body, cuts, deliveries) =>
            {
                var expected = LinesOf(body);

                var buffer = FuzzInputs.Segmented(body, cuts);
                var atOnce = new List<byte[]>();
                TakeLines(ref buffer, final: true, atOnce, body.Length);

                Assert.True(buffer.IsEmpty, "The final read left bytes unread.");
                AssertSameLines(expected, atOnce);
                AssertSameLines(expected, ReadAsDelivered(body, deliveries));

                foreach (var line in expected)
                {
                    Assert.Equal(line.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r'), NdjsonUpload.IsBlank(FuzzInputs.Segmented(line, cuts)));
                }

                return expected.Count switch
                {
                    0 => "no line",
                    1 => "one line",
                    < 10 => "2 to 9 lines",
                    _ => "10 lines or more",
                };
            },
            output.WriteLine,
            time: FuzzInputs.Seconds(5),
            threads: 1,
            print: input => $"{FuzzInputs.Print(input.Item1, input.Item2)}, delivered in reads of [{string.Join(", ", input.Item3)}] bytes");

    [Fact]
    public void AnyRowOfAnyImportIsARecordOrOneErrorOnItsLineAsTheSingleRecordRouteWouldAnswer() =>
        Check.Sample(
            Gen.Select(Rows, FuzzInputs.Cuts, Gen.Int[1, 1_000_000]),
            (row, cuts, line) => AssertRowReadOrRejected(row.Row, row.Import, cuts, line),
            output.WriteLine,
            time: FuzzInputs.Seconds(8),
            threads: 1,
            print: input => $"{input.Item1.Import} row on line {input.Item3}: {FuzzInputs.Print(input.Item1.Row, input.Item2)}");

    [Fact]
    public void TheRowsTheFuzzStartsFromAreRecorded()
    {
        // Were a sample stale (a record gained a required field), the fuzz would only ever test refusals.
        foreach (var (kind, rows) in FuzzInputs.RowBodies)
        {
            foreach (var row in rows)
            {
                Assert.Equal("recorded", AssertRowReadOrRejected(FuzzInputs.Write(row), kind, [], line: 1));
            }
        }
    }

    /// <summary>
    /// The rule the splitter keeps: a line is the bytes before each '\n' (a '\r' before it stays in the line and is
    /// blank space to the JSON reader), and the bytes after the last '\n' are one more line only if there are any.
    /// </summary>
    private static List<byte[]> LinesOf(byte[] body)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == (byte)'\n')
            {
                lines.Add(body[start..i]);
                start = i + 1;
            }
        }

        if (start < body.Length)
        {
            lines.Add(body[start..]);
        }

        return lines;
    }

    /// <summary>
    /// Reads the body as the import loop does from a pipe: each read holds what is left unconsumed plus the bytes just
    /// arrived (one segment per read), lines are taken while there are complete ones, and the last read is final.
    /// </summary>
    private static List<byte[]> ReadAsDelivered(byte[] body, int[] reads)
    {
        var lines = new List<byte[]>();
        var arrived = new List<int>();
        var consumed = 0;
        for (var read = 0; read <= reads.Length; read++)
        {
            var final = read == reads.Length;
            arrived.Add(final ? body.Length : Math.Min(body.Length, (arrived.Count == 0 ? 0 : arrived[^1]) + reads[read]));
            var buffer = FuzzInputs.Segmented(body[consumed..arrived[^1]], arrived.Select(end => end - consumed).Where(cut => cut > 0));
            TakeLines(ref buffer, final, lines, body.Length);
            consumed = arrived[^1] - (int)buffer.Length;
        }

        Assert.Equal(body.Length, consumed);
        return lines;
    }

    /// <summary>
    /// Takes lines as the import loop does, failing rather than spinning when the splitter keeps answering lines: a
    /// body of n bytes has at most n + 1, and a splitter that never says "no more" would hang the import (and this test).
    /// </summary>
    private static void TakeLines(ref ReadOnlySequence<byte> buffer, bool final, List<byte[]> lines, int bodyLength)
    {
        while (NdjsonUpload.TryReadLine(ref buffer, final, out var line))
        {
            lines.Add(line.ToArray());
            Assert.True(lines.Count <= bodyLength + 1, "The splitter keeps answering lines; the import would never end.");
        }
    }

    private static void AssertSameLines(List<byte[]> expected, List<byte[]> actual) =>
        Assert.Equal(expected.Select(Convert.ToBase64String), actual.Select(Convert.ToBase64String));

    private static string AssertRowReadOrRejected(byte[] row, MerchantEventKind kind, int[] cuts, int line)
    {
        var report = new ImportReport();
        var parsed = BulkRecordEndpoints.ParseRow(FuzzInputs.Segmented(row, cuts), line, kind, FuzzInputs.Tokenizer, FuzzInputs.Clock, FuzzInputs.Settings, report);
        var response = report.ToResponse(line);

        // The same bytes sent to the single-record route (POST /v1/sales and the like).
        var (document, problem) = JsonBody.Parse(new ReadOnlySequence<byte>(row));
        using (document)
        {
            MerchantEvent? single = null;
            IReadOnlyDictionary<string, string[]>? singleErrors;
            if (document is null)
            {
                singleErrors = FuzzInputs.AssertValidationProblem(problem);
            }
            else
            {
                var fields = new RequestFields(document.RootElement);
                (_, single) = MerchantEndpoints.Parse(fields, kind, FuzzInputs.Tokenizer, FuzzInputs.Clock, FuzzInputs.Settings);
                singleErrors = fields.IsValid ? null : fields.Errors;
            }

            if (parsed is { } accepted)
            {
                Assert.Equal(0, response.Rejected);
                Assert.Empty(response.Errors);
                Assert.Equal(line, accepted.Line);
                Assert.Equal(kind, accepted.Record.Kind);
                Assert.True(Identifiers.IsValid(accepted.MerchantId, 64));
                Assert.Equal(single, accepted.Record);
                return "recorded";
            }

            var error = FuzzInputs.AssertOneRowRefused(response.Rejected, response.Errors, line);
            Assert.True(singleErrors is not null, "The single-record route accepts a row the import refuses.");
            Assert.Equal(singleErrors.Keys.Order(StringComparer.Ordinal), error.Errors.Keys.Order(StringComparer.Ordinal));
            return error.Errors.ContainsKey("$") ? "refused under $ (malformed, not one object, too deep, a bad name)" : "refused on a field";
        }
    }
}
