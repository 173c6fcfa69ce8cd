using Microsoft.Net.Http.Headers;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Whether a request's Content-Type is exactly the media type a route reads, in UTF-8: JSON and NDJSON are UTF-8 by
/// definition (RFC 8259), so a body that says it is in another charset would be read as something it says it is not.
/// </summary>
internal static class RequestMediaType
{
    public static bool Is(string? contentType, string mediaType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !parsed.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return parsed.Charset.Length == 0
            || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || parsed.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
