using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ActorRisk.Abstractions.Merchants;
using ActorRisk.Api.Endpoints;
using ActorRisk.Api.Security;
using ActorRisk.Domain.Cards;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using CsCheck;
using Xunit.Abstractions;

namespace ActorRisk.Api.Tests.Endpoints;

/// <summary>
/// Fuzzes the request reader every route uses (JsonBody.Parse, then RequestFields) with mutated valid bodies and
/// noise, each property for a fixed time on one thread. A failure prints CsCheck's seed and the input as base64;
/// paste the base64 into a regression row below.
/// </summary>
public sealed class RequestReaderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void AnyBodyIsAnObjectOfWellFormedTextOrA400NamingAField() =>
        Check.Sample(
            Gen.Select(FuzzInputs.AnyBody, FuzzInputs.Cuts),
            (body, cuts) => AssertReadOrRefused(body, cuts),
            output.WriteLine,
            time: FuzzInputs.Seconds(8),
            threads: 1,
            print: input => FuzzInputs.Print(input.Item1, input.Item2));

    [Fact]
    public void AnAcceptedBodyWrittenOutAgainIsAcceptedAsTheSameDocument() =>
        Check.Sample(
            Gen.OneOf(FuzzInputs.AnyBody, FuzzInputs.FieldEditedBody),
            body =>
            {
                var (document, _) = JsonBody.Parse(new ReadOnlySequence<byte>(body));
                using (document)
                {
                    if (document is null)
                    {
                        return "refused";
                    }

                    // Once escaping everything beyond ASCII (\u00e9, surrogate pairs as two escapes), once writing it raw.
                    foreach (var encoder in new[] { JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
                    {
                        var rewritten = new ArrayBufferWriter<byte>();
                        using (var writer = new Utf8JsonWriter(rewritten, new JsonWriterOptions { Encoder = encoder }))
                        {
                            document.RootElement.WriteTo(writer);
                        }

                        var (again, problem) = JsonBody.Parse(new ReadOnlySequence<byte>(rewritten.WrittenMemory));
                        using (again)
                        {
                            Assert.Null(problem);
                            AssertSameDocument(document.RootElement, again!.RootElement);
                        }
                    }

                    return "accepted, and again when written out";
                }
            },
            output.WriteLine,
            time: FuzzInputs.Seconds(5),
            threads: 1,
            print: FuzzInputs.Print);

    [Fact]
    public void EveryFieldReaderOnAnAcceptedBodyGivesAValueWithinItsLimitsOrAnErrorOnThatField() =>
        Check.Sample(
            Gen.Frequency((3, FuzzInputs.FieldEditedBody), (1, FuzzInputs.AnyBody)),
            AssertFieldsRead,
            output.WriteLine,
            time: FuzzInputs.Seconds(8),
            threads: 1,
            print: FuzzInputs.Print);

    [Fact]
    public void TheBodiesTheFuzzStartsFromAreAccepted()
    {
        // Were a sample stale (a route gained a required field), the fuzz would only ever test refusals.
        foreach (var body in FuzzInputs.RequestBodies)
        {
            var (document, problem) = JsonBody.Parse(new ReadOnlySequence<byte>(FuzzInputs.Write(body)));
            using (document)
            {
                Assert.Null(problem);
                if (document!.RootElement.TryGetProperty("authorizationId", out _))
                {
                    var fields = new RequestFields(document.RootElement);
                    Assert.True(AuthorizationEndpoints.Parse(fields, FuzzInputs.Tokenizer) is not null, string.Join(", ", fields.Errors.Keys));
                }
            }
        }
    }

    // Inputs the fuzz (or review) found worth keeping, as base64, each read in one piece and cut into every
    // two-segment split so a chunking bug cannot hide.
    [Theory]
    [InlineData("eyJyZWFzb24iOiJcdWQ4MDAifQ==")] // {"reason":"\ud800"}: an unpaired surrogate escape
    [InlineData("eyJyZWFzb24iOiLAgCJ9")] // {"reason":"\xC0\x80"}: a non-shortest NUL
    [InlineData("eyJyZWFzb24iOiLtoIAifQ==")] // {"reason":"\xED\xA0\x80"}: a surrogate encoded in UTF-8
    [InlineData("eyJhbW91bnQiOjEsIlx1MDA2MW1vdW50IjoyfQ==")] // {"amount":1,"\u0061mount":2}: repeated behind an escape
    [InlineData("eyIiOjEsIiI6Mn0=")] // {"":1,"":2}: an empty name, repeated
    [InlineData("eyJyZWFzb24iOiJcdTAwZTn/In0=")] // {"reason":"\u00e9\xFF"}: an escape and a malformed byte in one string
    [InlineData("eyJcdTAwZTn/IjoxfQ==")] // {"\u00e9\xFF":1}: the same in a name
    [InlineData("eyJhbW91bnQiOjFlOTk5OTk5OTk5OTl9")] // {"amount":1e99999999999}: an exponent beyond int
    public void KeptInputsAreReadOrRefused(string base64)
    {
        var body = Convert.FromBase64String(base64);
        for (var cut = 0; cut <= body.Length; cut++)
        {
            _ = AssertReadOrRefused(body, [cut]);
        }

        _ = AssertFieldsRead(body);
    }

    private static string AssertFieldsRead(byte[] body)
    {
        var (document, _) = JsonBody.Parse(new ReadOnlySequence<byte>(body));
        using (document)
        {
            if (document is null)
            {
                return "refused";
            }

            // Every reader on every field a route reads, on every field the body has, and on fields it lacks.
            var root = document.RootElement;
            foreach (var name in FuzzInputs.FieldNames.Concat(root.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal))
            {
                foreach (var reader in Readers)
                {
                    AssertReads(reader, root, name);
                }
            }

            return AssertRoutesRead(root);
        }
    }

    private static string AssertReadOrRefused(byte[] body, int[] cuts)
    {
        var (document, problem) = JsonBody.Parse(FuzzInputs.Segmented(body, cuts));
        var (whole, wholeProblem) = JsonBody.Parse(new ReadOnlySequence<byte>(body));
        using (document)
        using (whole)
        {
            // However the body arrived in pieces, the answer is the same.
            Assert.Equal(whole is null, document is null);
            if (document is null)
            {
                var errors = FuzzInputs.AssertValidationProblem(problem);
                Assert.Equal(FuzzInputs.AssertValidationProblem(wholeProblem), errors);
                return errors.ContainsKey("$") ? "refused under $ (malformed, not one object, too deep, a bad name)" : "refused on a field's text";
            }

            Assert.Null(problem);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            Assert.Empty(JsonText.Check(document.RootElement));

            // Checked again without JsonText: an accepted body is valid UTF-8 throughout, and every name and string
            // decodes to well-formed text, strings without control characters, no object naming a field twice.
            Assert.True(Utf8.IsValid(body), "An accepted body is not valid UTF-8.");
            AssertWellFormed(document.RootElement);
            return "accepted";
        }
    }

    // JsonElement.DeepEquals compares numbers by value and throws on an exponent beyond int (1e99999999999), which
    // the reader accepts; written out again a number keeps its text, so its text is compared.
    private static void AssertSameDocument(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.ValueKind, actual.ValueKind);
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.EnumerateObject().Select(p => p.Name));
                foreach (var (left, right) in expected.EnumerateObject().Zip(actual.EnumerateObject()))
                {
                    AssertSameDocument(left.Value, right.Value);
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                foreach (var (left, right) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    AssertSameDocument(left, right);
                }

                break;
            case JsonValueKind.String:
                Assert.Equal(expected.GetString(), actual.GetString());
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.GetRawText(), actual.GetRawText());
                break;
        }
    }

    private static void AssertWellFormed(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    Assert.True(IsWellFormed(property.Name), "A property name is not well-formed text.");
                    Assert.True(names.Add(property.Name), "A field is given twice.");
                    AssertWellFormed(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertWellFormed(item);
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                Assert.True(IsWellFormed(text), "A string is not well-formed text.");
                Assert.False(text.Any(c => char.IsControl(c)), "A string holds a control character.");
                break;
        }
    }

    private static bool IsWellFormed(string text)
    {
        // UTF-16 to UTF-8 without replacement fails exactly on an unpaired surrogate.
        var utf8 = new byte[Math.Max(1, text.Length * 3)];
        return Utf8.FromUtf16(text, utf8, out _, out _, replaceInvalidSequences: false) == OperationStatus.Done;
    }

    /// <summary>One call of a RequestFields reader, and what a value it returns must satisfy.</summary>
    private sealed record Reader(string Call, Func<RequestFields, string, object?> Read, Func<object, bool> WithinLimits, bool Required);

    private static readonly Reader[] Readers =
    [
        new("Id", (f, n) => f.Id(n), v => Identifiers.IsValid((string)v, 64), Required: true),
        new("Id(required: false, maxLength: 16)", (f, n) => f.Id(n, required: false, maxLength: 16), v => Identifiers.IsValid((string)v, 16), Required: false),
        new("String", (f, n) => f.String(n), v => ((string)v).Length is > 0 and <= 256, Required: false),
        new("String(required: true, maxLength: 3)", (f, n) => f.String(n, required: true, maxLength: 3), v => ((string)v).Length is > 0 and <= 3, Required: true),
        new("AuditReason", (f, n) => f.AuditReason(n), v => ((string)v).Length <= 500 && !string.IsNullOrWhiteSpace((string)v), Required: true),
        new("Integer(0..10^18)", (f, n) => f.Integer(n, required: true, 0, 1_000_000_000_000_000_000, "minor units"), v => (long)v is >= 0 and <= 1_000_000_000_000_000_000, Required: true),
        new("Integer(-5..5)", (f, n) => f.Integer(n, required: false, -5, 5, "steps"), v => (long)v is >= -5 and <= 5, Required: false),
        new("Integer(long)", (f, n) => f.Integer(n, required: false, long.MinValue, long.MaxValue, "units"), v => v is long, Required: false),
        new("Boolean", (f, n) => f.Boolean(n, required: true), v => v is bool, Required: true),
        new("Instant", (f, n) => f.Instant(n), v => v is DateTimeOffset, Required: false),
        new("Currency", (f, n) => f.Currency(n), v => Iso4217.TryGet((string)v, out _), Required: true),
        new("Enum<CardNetwork>", (f, n) => f.Enum<CardNetwork>(n), v => Enum.IsDefined((CardNetwork)v), Required: false),
        new("Enum<CardNetwork>(required: true)", (f, n) => f.Enum<CardNetwork>(n, required: true), v => Enum.IsDefined((CardNetwork)v), Required: true),
        new("Month", (f, n) => f.Month(n, required: false), v => v is YearMonth, Required: false),
        new("Month(required: true)", (f, n) => f.Month(n, required: true), v => v is YearMonth, Required: true),
        new("Enum<CardType>", (f, n) => f.Enum<CardType>(n), v => Enum.IsDefined((CardType)v), Required: false),
        new("Pattern(ip)", (f, n) => f.Pattern(n, RequestFields.IsIpAddress, "ip", 45), v => ((string)v).Length <= 45 && RequestFields.IsIpAddress((string)v), Required: false),
        new("Pattern(token)", (f, n) => f.Pattern(n, PanTokenizer.IsToken, "token", 64), v => PanTokenizer.IsToken((string)v), Required: false),
        new("Pattern(pan)", (f, n) => f.Pattern(n, PanTokenizer.IsValidPan, "pan", 19), v => PanTokenizer.IsValidPan((string)v), Required: false),
    ];

    private static void AssertReads(Reader reader, JsonElement root, string name)
    {
        var fields = new RequestFields(root);
        var value = reader.Read(fields, name);
        var given = root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null;
        var call = $"{reader.Call} of \"{name}\"";
        if (value is not null)
        {
            Assert.True(given, $"{call} returned a value for a field that is not there.");
            Assert.True(fields.IsValid, $"{call} returned a value and an error.");
            Assert.True(reader.WithinLimits(value), $"{call} returned a value beyond its limits.");
        }
        else if (given || reader.Required)
        {
            Assert.True(fields.Errors.Keys.SequenceEqual([name]), $"{call} refused the field without an error on it (errors on: {string.Join(", ", fields.Errors.Keys)}).");
            Assert.NotEmpty(fields.Errors[name]);
        }
        else
        {
            Assert.True(fields.IsValid, $"{call} failed an optional field that is not there.");
        }
    }

    /// <summary>The routes' own readers (authorization, each merchant record) answer a command or errors, never both nor neither; says which answered a command.</summary>
    private static string AssertRoutesRead(JsonElement root)
    {
        var fields = new RequestFields(root);
        var command = AuthorizationEndpoints.Parse(fields, FuzzInputs.Tokenizer);
        Assert.True(command is null != fields.IsValid, "The authorization reader answered neither a command nor errors, or both.");
        var read = new List<string>();
        if (command is not null)
        {
            read.Add("authorization");
        }

        foreach (var kind in Enum.GetValues<MerchantEventKind>())
        {
            var recordFields = new RequestFields(root);
            var (merchantId, record) = MerchantEndpoints.Parse(recordFields, kind, FuzzInputs.Tokenizer, FuzzInputs.Clock, FuzzInputs.Settings);
            Assert.True(record is null != recordFields.IsValid, $"The {kind} reader answered neither a record nor errors, or both.");
            if (record is not null)
            {
                Assert.Equal(kind, record.Kind);
                Assert.True(Identifiers.IsValid(merchantId!, 64));
                Assert.True(Identifiers.IsValid(record.Id, 128));
                read.Add(kind.ToString());
            }
        }

        var historyFields = new RequestFields(root);
        var month = HistoryRows.Parse(historyFields, FuzzInputs.Clock, FuzzInputs.Settings);
        Assert.True(month is null != historyFields.IsValid, "The history row reader answered neither a month nor errors, or both.");
        if (month is not null)
        {
            Assert.Empty(month.Problems(FuzzInputs.Settings.Rates));
            read.Add("history month");
        }

        return read.Count == 0 ? "accepted, no route's command" : $"accepted, a command of: {string.Join(", ", read)}";
    }
}
