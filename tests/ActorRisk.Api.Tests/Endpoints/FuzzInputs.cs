using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorRisk.Abstractions.Merchants;
using ActorRisk.Api.Endpoints;
using ActorRisk.Api.Security;
using ActorRisk.Domain.Values;
using ActorRisk.Grains.Merchants;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ActorRisk.Api.Tests.Endpoints;

/// <summary>
/// What the fuzz properties feed the readers: valid bodies of every route, broken the ways clients and attackers
/// break them (a field repeated, renamed, given the wrong type or an odd value; bytes flipped, cut or spliced with
/// malformed UTF-8), plus plain noise. Starting from valid bodies keeps most inputs deep enough to reach the
/// field readers instead of dying at the first brace.
/// </summary>
internal static class FuzzInputs
{
    /// <summary>One valid body per route that reads a JSON object (the single-record merchant routes share the rows below).</summary>
    public static readonly IReadOnlyList<Field[]> RequestBodies = Bodies(
    [
        // POST /v1/authorizations, by card token and by card number
        """{"authorizationId":"auth-1","cardToken":"tok_Z3x8QbVvG1r2","merchantId":"shop-1","amount":1250,"currency":"USD","timestamp":"2026-11-21T09:30:00Z","cardPresent":false,"cvcProvided":true,"isVerification":false,"cardType":"credit","mcc":"5411","ipAddress":"203.0.113.7","deviceId":"device-7f3a","issuerCountry":"JP","network":"visa"}""",
        """{"authorizationId":"auth-2","pan":"4111111111111111","merchantId":"shop-1","amount":0,"currency":"JPY","isVerification":true}""",
        // POST /v1/authorizations/{id}/outcome
        """{"approved":false,"declineCode":"05"}""",
        // POST /v1/cards/{token}/block and /unblock
        """{"reason":"Cardholder reported the card stolen","until":"2027-01-01T00:00:00+09:00"}""",
        // POST /v1/merchants/{id}/suspend and /reinstate, POST /v1/alerts/{id}/acknowledge
        """{"reason":"Chargebacks above the program threshold"}""",
        // PUT /v1/merchants/{id}/profile
        """{"mcc":"5967","highBrandRisk":true,"regulatedMarket":false,"reason":"Annual review"}""",
    ]);

    /// <summary>Valid rows of the NDJSON imports, keyed by the kind of import they belong to (also the single-record routes' bodies).</summary>
    public static readonly IReadOnlyDictionary<MerchantEventKind, Field[][]> RowBodies = new Dictionary<MerchantEventKind, Field[][]>
    {
        [MerchantEventKind.Sales] = Bodies(
        [
            """{"batchId":"batch-2026-03-31","merchantId":"shop-1","network":"visa","amount":1250000,"currency":"USD","date":"2026-03-31","count":120,"cardPresent":false,"threeDsAuthenticated":40}""",
            """{"batchId":"b.2","merchantId":"shop-2","network":"mastercard","amount":0,"currency":"EUR","date":"2026-03-31T23:59:59-05:00","count":1,"cardPresent":true}""",
        ]),
        [MerchantEventKind.Dispute] = Bodies(
        [
            """{"disputeId":"d-1","merchantId":"shop-1","network":"visa","amount":5000,"currency":"USD","date":"2026-03-30","reasonCode":"10.4","fraud":true,"resolvedByRdr":false,"pan":"4111111111111111"}""",
            """{"disputeId":"d-2","merchantId":"shop-1","network":"mastercard","amount":1999,"currency":"JPY","date":"2026-03-30T10:00:00Z","reasonCode":"4837","fraud":false,"cardToken":"tok_Z3x8QbVvG1r2"}""",
        ]),
        [MerchantEventKind.FraudReport] = Bodies(
        [
            """{"reportId":"r-1","merchantId":"shop-1","network":"visa","amount":2500,"currency":"USD","date":"2026-03-29","compellingEvidence":true}""",
        ]),
    };

    /// <summary>Valid rows of the history batch (POST /v1/merchants/history:batch): a single request's months with their merchant.</summary>
    public static readonly IReadOnlyList<Field[]> HistoryRowBodies = Bodies(
    [
        """{"merchantId":"shop-1","month":"2024-01","network":"visa","salesCount":10000,"salesAmount":{"amount":50000000,"currency":"USD"},"cardNotPresentSalesCount":9000,"disputeCount":120,"disputeAmount":{"amount":600000,"currency":"USD"},"fraudDisputeCount":0,"fraudReportCount":0,"fraudReportAmount":{"amount":0,"currency":"USD"}}""",
        """{"merchantId":"shop-2","month":"2026-11","network":"mastercard","salesCount":8000,"salesAmount":{"amount":7200000000,"currency":"JPY"},"cardNotPresentSalesCount":8000,"cardNotPresentSalesAmount":{"amount":7200000000,"currency":"JPY"},"threeDsAuthenticatedCount":4000,"disputeCount":90,"countableDisputeCount":88,"disputeAmount":{"amount":1080000,"currency":"JPY"},"fraudDisputeCount":12,"fraudDisputeAmount":{"amount":144000,"currency":"JPY"},"rdrResolvedDisputeCount":3,"fraudReportCount":20,"fraudReportAmount":{"amount":240000,"currency":"EUR"},"compellingEvidenceFraudReportCount":2,"authorizationCount":9000,"enumeratedAuthorizationCount":15}""",
    ]);

    /// <summary>Every field name a route reads, plus two it does not.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
    [
        .. RequestBodies.Concat(RowBodies.Values.SelectMany(rows => rows)).Concat(HistoryRowBodies).SelectMany(body => body).Select(field => field.Name).Distinct(StringComparer.Ordinal),
        string.Empty,
        "unknownExtraField",
    ];

    public static PanTokenizer Tokenizer { get; } = new(new byte[32]);

    /// <summary>A clock after every sample date, so "not in the future" does not refuse the valid rows.</summary>
    public static TimeProvider Clock { get; } = new FixedClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Rates for EUR and JPY besides USD, so a non-USD record can be valid and one in another currency still is not.</summary>
    public static MerchantSettings Settings { get; } = new() { Rates = new ExchangeRateTable(new Dictionary<string, decimal> { ["EUR"] = 1.08m, ["JPY"] = 0.0067m }) };

    /// <summary>JSON values that sit on a reader's edges: number forms and ranges, wrong types, odd and broken text.</summary>
    private static readonly string[] OddValues =
    [
        "0", "-0", "-1", "1.5", "1e3", "1E+3", "1e-3", "2.0", "100e-2", "1e400", "-1e400", "0.1e1",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "1000000000000000000", "1000000000000000001", "1000000000", "1000000001",
        "79228162514264337593543950335", "79228162514264337593543950336", "1" + new string('0', 400),
        "1e2147483647", "1e2147483648", "-1e99999999999", "1e-99999999999", "0e99999999999", "1.0e-2147483649",
        "true", "false", "null", "{}", "[]", """{"amount":1}""", """[1,"x",null]""",
        """{"amount":1,"currency":"USD"}""", """{"amount":-1,"currency":"USD"}""", """{"amount":1,"currency":"CHF"}""", """{"amount":1.5,"currency":"EUR"}""",
        """{"amount":1000000000000000,"currency":"JPY"}""", """{"currency":"USD"}""", """{"amount":1,"currency":"USD","currency":"EUR"}""",
        Text("2024-01"), Text("2019-12"), Text("2026-12"), Text("2027-01"), Text("2024-1"), Text("2024-00"), Text("9998-12"), Text("0001-01"),
        Text(string.Empty), Text(" "), Text(@"\t"), Text(@"\u00a0\u2003"), Text("x"),
        Text(new string('a', 65)), Text(new string('a', 129)), Text(new string('a', 257)), Text(new string(' ', 501)), Text(new string('r', 501)),
        Text("tok_"), Text("tok_" + new string('A', 60)), Text("tok_" + new string('A', 61)), Text("tok_abc+/="),
        Text("2026-02-30"), Text("2026-03-31"), Text("2019-12-31"), Text("0001-01-01"), Text("9999-12-31"),
        Text("2026-11-21T09:30:00Z"), Text("2026-11-21T09:30:00"), Text("2026-11-21T09:30:00+14:00"), Text("0001-01-01T00:00:00+14:00"),
        Text("9999-12-31T23:59:59-14:00"), Text("9999-12-31T23:59:59Z"), Text("2026-11-21T09:30:00.1234567+05:30"),
        Text("2026-11-21T09:30:00.12345678Z"), Text("2026-11-21 09:30:00Z"), Text("2099-01-01T00:00:00Z"), Text("2026-11-21T09:30:00+0900"),
        Text("USD"), Text("usd"), Text("EUR"), Text("JPY"), Text("XXX"), Text("US"), Text("USDX"),
        Text("visa"), Text("VISA"), Text("Mastercard"), Text("visa,mastercard"), Text("0"), Text("1"), Text("credit"), Text("unknown"),
        Text(@"v\u0131sa"), Text(@"\u0130"), Text(@"vi\u017fa"),
        Text("4111111111111111"), Text("4111111111111112"), Text("4111 1111 1111 1111"), Text(@"\uff14111111111111111"),
        Text("2221000000000009"), Text("5555555555554444"), Text("000000000000"), Text("9" + new string('0', 18)),
        Text("203.0.113.7"), Text("::1"), Text("999.1.1.1"), Text("fe80::1%eth0"), Text("1.2.3"),
        Text("5411"), Text("541"), Text(@"\u0665\u0664\u0661\u0661"), Text("JP"), Text("jp"),
        Text("a:b.c-d_e"), Text("a/b"), Text("a b"), Text("\u00e9"), Text(@"\u00e9"), Text(@"\ud83d\ude00"), Text("\U0001F600"),
        Text(@"\ud800"), Text(@"\udc00"), Text(@"\ud800\u0041"), Text(@"\udbff\udfff"), Text(@"x\udfff\ud800"),
        Text(@"\u0000"), Text(@"\u001f"), Text(@"\u007f"), Text(@"\u0085"), Text(@"\u009f"), Text(@"\u2028"), Text(@"\ufeff"), Text(@"\uffff"),
        Text("\u007f"), Text("\u0085"), Text(@"\/\""\\\b\f\n\r\t"),
        Nested(14, "1"), Nested(15, "1"), Nested(16, "1"), Nested(40, "1"),
    ];

    /// <summary>Byte strings spliced anywhere: malformed and non-shortest UTF-8, controls, escapes, structure, a BOM, deep nesting.</summary>
    private static readonly byte[][] OddBytes =
    [
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xFF], [0xFE], [0x80], [0xC2], [0xE2, 0x82],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBB, 0xBF], [0xEF, 0xBF, 0xBD],
        [0x00], [0x09], [0x0A], [0x0D], [0x1B], [0x1F], [0x7F], [0xC2, 0x80], [0xC2, 0x85], [0xC2, 0x9F], [0xC2, 0xA0], [0xE2, 0x80, 0xA8],
        .. new[]
        {
            @"\ud800", @"\udc00", @"\u0000", @"\u001b", @"\u0085", @"\", "\"", "{", "}", "[", "]", ",", ":", "\r\n", " ", "/*x*/", "//x\n",
            "'", "NaN", "Infinity", "1e400", "-", ".", "0", "e", "null", "\"\":0", "\"amount\":1", new string('[', 17), new string('{', 3),
        }.Select(Encoding.UTF8.GetBytes),
    ];

    /// <summary>Changes to a body's fields, applied before it is written out.</summary>
    private static readonly Gen<FieldEdit> FieldEdits =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 63], Gen.Int[0, 1 << 16], Gen.Int, (kind, field, choice, digits) => new FieldEdit(kind, field, choice, digits));

    /// <summary>
    /// Shapes of dates, instants, numbers, card numbers and addresses, each 'd' a random digit: near enough to valid
    /// that the readers' parsing runs (a 31st of February, an offset of 99 hours, a 20-digit amount).
    /// </summary>
    private static readonly string[] DigitShapes =
    [
        "\"dddd-dd-dd\"", "\"dddd-dd-ddTdd:dd:ddZ\"", "\"dddd-dd-ddTdd:dd:dd+dd:dd\"", "\"dddd-dd-ddTdd:dd:dd.ddddddd-dd:dd\"",
        "\"ddd-dd-ddTdd:dd:ddZ\"", "\"dddd-dd-ddTdd:dd:dd.dddddddddZ\"", "ddddddddddddddddddd", "-dddddddddddddddddddd", "d.dddddde+ddd", "ddd.dde-d",
        "\"dddddddddddddddd\"", "\"ddddddddddddddddddd\"", "\"ddd.ddd.ddd.ddd\"", "\"dddd\"", "\"dd\"", "\"tok_dddddddd\"",
    ];

    /// <summary>Changes to the written bytes.</summary>
    private static readonly Gen<ByteEdit> ByteEdits =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1 << 16], Gen.Int[0, 1 << 16], (kind, position, choice) => new ByteEdit(kind, position, choice));

    /// <summary>Where a body is cut into pipe segments (taken modulo its length; no cut, one segment, is as likely as several).</summary>
    public static readonly Gen<int[]> Cuts = Gen.Int[0, 1 << 16].Array[0, 5];

    /// <summary>A body of a route: mutated, or now and then noise (random bytes, or random JSON punctuation).</summary>
    public static readonly Gen<byte[]> AnyBody = Gen.Frequency(
        (8, Mutated(RequestBodies, maxFieldEdits: 4, maxByteEdits: 3)),
        (2, Mutated(RequestBodies, maxFieldEdits: 0, maxByteEdits: 12)),
        (1, Gen.Byte.Array[0, 96]),
        (1, Gen.Char["{}[]\":,0123456789.eE+-truefalsn \\u\t\r\nd8ab"].Array[0, 80].Select(chars => Encoding.UTF8.GetBytes(chars))));

    /// <summary>A body whose bytes are intact but whose fields are edited: mostly accepted, so the field readers get to run.</summary>
    public static readonly Gen<byte[]> FieldEditedBody = Mutated([.. RequestBodies, .. RowBodies.Values.SelectMany(rows => rows), .. HistoryRowBodies], maxFieldEdits: 6, maxByteEdits: 0);

    /// <summary>A body of <paramref name="bodies"/> with up to the given numbers of field and byte edits.</summary>
    public static Gen<byte[]> Mutated(IReadOnlyList<Field[]> bodies, int maxFieldEdits, int maxByteEdits) =>
        Gen.Select(
            Gen.Int[0, bodies.Count - 1],
            FieldEdits.Array[0, maxFieldEdits],
            maxByteEdits == 0 ? Gen.Const(Array.Empty<ByteEdit>()) : ByteEdits.Array[0, maxByteEdits],
            (body, fieldEdits, byteEdits) => EditBytes(Write(EditFields(bodies[body], fieldEdits)), byteEdits));

    /// <summary>The bytes as one segment per piece between the cuts, as a pipe hands over a body that arrived in packets.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, IEnumerable<int> cuts)
    {
        var positions = cuts.Select(cut => cut % (bytes.Length + 1)).Where(p => p > 0 && p < bytes.Length).Distinct().Order().ToList();
        if (positions.Count == 0)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        positions.Add(bytes.Length);
        var first = new Segment(bytes.AsMemory(0, positions[0]), 0);
        var last = first;
        for (var i = 1; i < positions.Count; i++)
        {
            last = last.Append(bytes.AsMemory(positions[i - 1], positions[i] - positions[i - 1]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Bytes as a failure shows them: base64 for a regression row, and readable with \xNN for everything not printable ASCII.</summary>
    public static string Print(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length + 2).Append('"');
        foreach (var b in bytes)
        {
            _ = b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\'
                ? text.Append((char)b)
                : text.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return $"{bytes.Length} bytes, base64 {Convert.ToBase64String(bytes)} = {text.Append('"')}";
    }

    public static string Print(byte[] bytes, int[] cuts) => $"{Print(bytes)}, cut at [{string.Join(", ", cuts)}]";

    /// <summary>
    /// A property's time budget in seconds; ACTORRISK_FUZZ_SECONDS runs every property longer (or shorter) for a soak.
    /// </summary>
    public static int Seconds(int budget) =>
        int.TryParse(Environment.GetEnvironmentVariable("ACTORRISK_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : budget;

    /// <summary>Fails unless <paramref name="problem"/> is a 400 problem+json listing at least one field with a message.</summary>
    public static IReadOnlyDictionary<string, string[]> AssertValidationProblem(IResult? problem)
    {
        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsAssignableFrom<IStatusCodeHttpResult>(problem).StatusCode);
        var details = Assert.IsType<HttpValidationProblemDetails>(Assert.IsAssignableFrom<IValueHttpResult>(problem).Value);
        Assert.Equal(StatusCodes.Status400BadRequest, details.Status);
        Assert.NotEmpty(details.Errors);
        Assert.All(details.Errors, error => Assert.NotEmpty(error.Value));
        return details.Errors.AsReadOnly();
    }

    /// <summary>Fails unless a bulk report refused exactly one row, the one on <paramref name="line"/>, as a 400 naming at least one field with a message.</summary>
    public static BulkRowError AssertOneRowRefused(int rejected, IReadOnlyList<BulkRowError> errors, int line)
    {
        Assert.Equal(1, rejected);
        var error = Assert.Single(errors);
        Assert.Equal(line, error.Line);
        Assert.Equal(StatusCodes.Status400BadRequest, error.Status);
        Assert.NotEmpty(error.Errors);
        Assert.All(error.Errors, field => Assert.NotEmpty(field.Value));
        return error;
    }

    private static string Text(string escaped) => $"\"{escaped}\"";

    private static string Nested(int depth, string value) => new string('[', depth) + value + new string(']', depth);

    private static Field[][] Bodies(string[] json) =>
    [
        .. json.Select(body =>
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.EnumerateObject().Select(p => new Field(p.Name, p.Value.GetRawText())).ToArray();
        }),
    ];

    private static List<Field> EditFields(Field[] body, FieldEdit[] edits)
    {
        var fields = body.ToList();
        foreach (var edit in edits)
        {
            var odd = OddValues[edit.Choice % OddValues.Length];
            if (fields.Count == 0 || edit.Kind == 0)
            {
                // A field of any route, so a body also carries fields meant for another.
                fields.Insert(edit.Field % (fields.Count + 1), new Field(FieldNames[edit.Choice % FieldNames.Count], OddValues[edit.Choice / FieldNames.Count % OddValues.Length]));
                continue;
            }

            var at = edit.Field % fields.Count;
            var field = fields[at];
            switch (edit.Kind)
            {
                case 1 or 2:
                    fields[at] = field with { Value = odd };
                    break;
                case 3:
                    // Repeated, plainly or behind an escape ("\u0061mount" is "amount"), with the same or another value.
                    fields.Insert(edit.Choice % (fields.Count + 1), field with { Name = edit.Choice % 2 == 0 ? field.Name : EscapeFirst(field.Name), Value = edit.Choice % 3 == 0 ? field.Value : odd });
                    break;
                case 4:
                    fields.RemoveAt(at);
                    break;
                case 5:
                    fields[at] = field with { Name = Renamed(field.Name, edit.Choice) };
                    break;
                case 6:
                    fields[at] = field with { Value = Nested(edit.Choice % 18, field.Value) };
                    break;
                default:
                    fields[at] = field with { Value = WithDigits(DigitShapes[edit.Choice % DigitShapes.Length], edit.Digits) };
                    break;
            }
        }

        return fields;
    }

    private static string WithDigits(string shape, int digits)
    {
        // Seeded by the generated number, so shrinking the number shrinks the digits (towards zeros).
        var random = new Random(digits);
        return string.Concat(shape.Select(c => c == 'd' ? (char)('0' + (digits == 0 ? 0 : random.Next(10))) : c));
    }

    private static string EscapeFirst(string name) =>
        name.Length == 0 ? name : $"\\u{((int)name[0]).ToString("x4", CultureInfo.InvariantCulture)}{name[1..]}";

    private static string Renamed(string name, int choice) => (choice % 7) switch
    {
        0 => EscapeFirst(name),
        1 => name + @"\u0000",
        2 => name + @"\ud800",
        3 => name + "\u0085",
        4 => string.Empty,
        5 => name.ToUpperInvariant(),
        _ => name + " ",
    };

    /// <summary>A body as bytes, its fields in order.</summary>
    public static byte[] Write(IEnumerable<Field> fields) =>
        Encoding.UTF8.GetBytes($"{{{string.Join(',', fields.Select(field => $"\"{field.Name}\":{field.Value}"))}}}");

    private static byte[] EditBytes(byte[] bytes, ByteEdit[] edits)
    {
        var edited = bytes.ToList();
        foreach (var edit in edits)
        {
            var at = edit.Position % (edited.Count + 1);
            switch (edit.Kind)
            {
                case 0 when at < edited.Count:
                    edited[at] ^= (byte)(1 << (edit.Choice % 8));
                    break;
                case 1 when at < edited.Count:
                    edited[at] = (byte)edit.Choice;
                    break;
                case 2 or 3:
                    edited.InsertRange(at, OddBytes[edit.Choice % OddBytes.Length]);
                    break;
                case 4:
                    edited.RemoveRange(at, Math.Min(edit.Choice % 8 + 1, edited.Count - at));
                    break;
                default:
                    edited.InsertRange(at, edited.Skip(at).Take(edit.Choice % 16 + 1).ToList());
                    break;
            }
        }

        return [.. edited];
    }

    /// <summary>A field as written in a body: its name as JSON-escaped text (without quotes) and its raw JSON value.</summary>
    public readonly record struct Field(string Name, string Value);

    private readonly record struct FieldEdit(int Kind, int Field, int Choice, int Digits);

    private readonly record struct ByteEdit(int Kind, int Position, int Choice);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
