using System.Buffers;
using System.Text.Json;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Reads an NDJSON upload (the bulk imports) line by line as it streams in, without holding the body: each line is
/// a row handed on with its 1-based number, a blank line is skipped, and a line longer than a single request may be
/// is refused on its own (413 on that line) while the rows around it are read.
/// </summary>
internal static class NdjsonUpload
{
    public const string MediaType = "application/x-ndjson";

    /// <summary>Why the upload cannot be read at all (415, 413 by its declared length), or null; raises the body limit for it.</summary>
    public static IResult? Refuse(HttpContext http, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (!RequestMediaType.Is(http.Request.ContentType, MediaType))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send one JSON object per line as {MediaType} (UTF-8).");
        }

        JsonBody.AllowBodyOf(http, options.MaxBulkBodyBytes);
        return http.Request.ContentLength > options.MaxBulkBodyBytes ? TooLarge(options.MaxBulkBodyBytes) : null;
    }

    /// <summary>
    /// Hands each non-blank line to <paramref name="row"/> (which must be done with the bytes when its task ends) and
    /// answers the number of lines, or null when the body turned out larger than the bulk limit.
    /// </summary>
    public static async Task<int?> ReadLinesAsync(HttpContext http, ApiOptions options, BulkReport report, Func<ReadOnlySequence<byte>, int, ValueTask> row)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(row);
        var reader = http.Request.BodyReader;
        var line = 0;
        var skipping = false;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(http.RequestAborted);
                var buffer = read.Buffer;
                if (skipping)
                {
                    // The rest of an over-long row: dropped without being buffered.
                    if (buffer.PositionOf((byte)'\n') is not { } newline)
                    {
                        reader.AdvanceTo(buffer.End);
                        if (read.IsCompleted)
                        {
                            break;
                        }

                        continue;
                    }

                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    skipping = false;
                }

                while (TryReadLine(ref buffer, read.IsCompleted, out var text))
                {
                    line++;
                    if (text.Length > options.MaxRequestBodyBytes)
                    {
                        RejectTooLong(report, line, options);
                        continue;
                    }

                    if (!IsBlank(text))
                    {
                        await row(text, line);
                    }
                }

                if (!read.IsCompleted && buffer.Length > options.MaxRequestBodyBytes)
                {
                    line++;
                    RejectTooLong(report, line, options);
                    buffer = buffer.Slice(buffer.End);
                    skipping = true;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    return line;
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return line;
    }

    /// <summary>
    /// One row as a JSON object whose text passed <see cref="JsonText"/>, or null after rejecting its line (malformed, more
    /// than one value, not an object, bad text). The caller disposes the document.
    /// </summary>
    public static JsonDocument? ReadObject(ReadOnlySequence<byte> row, int line, BulkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        JsonDocument document;
        try
        {
            var json = new Utf8JsonReader(row, new JsonReaderOptions { MaxDepth = 16 });
            document = JsonDocument.ParseValue(ref json);
            if (json.Read())
            {
                document.Dispose();
                report.Reject(line, null, StatusCodes.Status400BadRequest, new() { ["$"] = ["More than one JSON value on the line."] });
                return null;
            }
        }
        catch (JsonException)
        {
            report.Reject(line, null, StatusCodes.Status400BadRequest, new() { ["$"] = ["Malformed JSON."] });
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            report.Reject(line, null, StatusCodes.Status400BadRequest, new() { ["$"] = ["Each line must be a JSON object."] });
            return null;
        }

        var text = JsonText.Check(document.RootElement);
        if (text.Count > 0)
        {
            document.Dispose();
            report.Reject(line, null, StatusCodes.Status400BadRequest, text);
            return null;
        }

        return document;
    }

    /// <summary>The id at <paramref name="name"/> when it is one, to name a refused row by (a malformed one is not echoed).</summary>
    public static string? IdOf(JsonElement row, string name, int maxLength) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } id && Identifiers.IsValid(id, maxLength) ? id : null;

    /// <summary>
    /// Takes the next line off <paramref name="buffer"/>: the bytes before the next '\n' (a '\r' before it stays in the
    /// line), or, once <paramref name="final"/>, whatever is left if anything is. False while a line is incomplete.
    /// </summary>
    internal static bool TryReadLine(ref ReadOnlySequence<byte> buffer, bool final, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is { } end)
        {
            line = buffer.Slice(0, end);
            buffer = buffer.Slice(buffer.GetPosition(1, end));
            return true;
        }

        if (final && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        line = default;
        return false;
    }

    internal static bool IsBlank(ReadOnlySequence<byte> row)
    {
        foreach (var segment in row)
        {
            if (segment.Span.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') >= 0)
            {
                return false;
            }
        }

        return true;
    }

    public static IResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"A bulk upload may be at most {maxBytes:N0} bytes; split the file.");

    private static void RejectTooLong(BulkReport report, int line, ApiOptions options) =>
        report.Reject(line, null, StatusCodes.Status413PayloadTooLarge, new() { ["$"] = [$"A row may be at most {options.MaxRequestBodyBytes:N0} bytes."] });
}
