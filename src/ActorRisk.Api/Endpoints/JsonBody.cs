using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace ActorRisk.Api.Endpoints;

/// <summary>Reads a request body as one JSON object, with a size limit, or says precisely why it cannot.</summary>
internal static class JsonBody
{
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request, long maxBytes)
    {
        if (!RequestMediaType.Is(request.ContentType, "application/json"))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json (UTF-8)."));
        }

        AllowBodyOf(request.HttpContext, maxBytes);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // The body stays in Kestrel's pooled pipe buffers until it is complete; the document then copies it into a
        // pooled array it returns on Dispose, so reading a body allocates no per-request buffers.
        var body = request.BodyReader;
        ReadResult read;
        try
        {
            while (true)
            {
                read = await body.ReadAsync(request.HttpContext.RequestAborted);
                if (read.Buffer.Length > maxBytes)
                {
                    body.AdvanceTo(read.Buffer.End);
                    return (null, TooLarge(maxBytes));
                }

                if (read.IsCompleted)
                {
                    break;
                }

                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel refuses the body itself: its MaxRequestBodySize stops a body without Content-Length (chunked)
            // before the check above sees it, and malformed framing ends the read. Bad input, never a 500.
            return (null, exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(maxBytes)
                : Problems.Status(exception.StatusCode, "Bad request", "The request body could not be read."));
        }

        try
        {
            return Parse(read.Buffer);
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }
    }

    /// <summary>
    /// Lets Kestrel take a body of up to <paramref name="maxBytes"/> on this request: its own limit is the smallest
    /// route's (ActorRisk:MaxRequestBodyBytes), and the routes that take more (history, bulk) raise it for themselves.
    /// </summary>
    public static void AllowBodyOf(HttpContext http, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && limit.MaxRequestBodySize < maxBytes)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
    }

    // Internal so the fuzz tests (ActorRisk.Api.Tests) read bodies without HTTP.
    internal static (JsonDocument? Document, IResult? Problem) Parse(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                document.Dispose();
                return (null, Problems.Validation(new() { ["$"] = [$"Malformed JSON (more content after the object, at byte {reader.TokenStartIndex + 1})."] }, "The request body is not valid JSON."));
            }
        }
        catch (JsonException exception)
        {
            document?.Dispose();
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : string.Empty;
            return (null, Problems.Validation(new() { ["$"] = [$"Malformed JSON{where}."] }, "The request body is not valid JSON."));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, Problems.Validation(new() { ["$"] = ["The body must be a JSON object."] }));
        }

        var text = JsonText.Check(document.RootElement);
        if (text.Count > 0)
        {
            document.Dispose();
            return (null, Problems.Validation(text));
        }

        return (document, null);
    }

    private static IResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body may be at most {maxBytes:N0} bytes.");
}
