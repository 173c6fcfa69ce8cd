using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorRisk.PortalWatchers;

/// <summary>
/// What a browser does over plain HTTP before a circuit starts: signs in through the portal's form (antiforgery token and
/// all), then fetches a page and reads what the server prerendered into it for the circuit to pick up.
/// </summary>
internal sealed partial class PortalSession : IDisposable
{
    private readonly HttpClient http;

    public PortalSession(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Cookies = new CookieContainer();
        http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri BaseAddress { get; }

    /// <summary>The portal cookie (and antiforgery cookie) every circuit presents on /_blazor.</summary>
    public CookieContainer Cookies { get; }

    public async Task SignInAsync(string user, string password, CancellationToken cancellationToken)
    {
        var form = await http.GetStringAsync(new Uri("/login", UriKind.Relative), cancellationToken);
        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(form))
        {
            var name = Attribute(input.Value, "name");
            var value = Attribute(input.Value, "value");
            if (name is not null && value is not null && Attribute(input.Value, "type") == "hidden")
            {
                hidden[name] = WebUtility.HtmlDecode(value);
            }
        }

        if (!hidden.TryGetValue("__RequestVerificationToken", out var token))
        {
            throw new InvalidOperationException("The sign-in form has no antiforgery token.");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = hidden.GetValueOrDefault("_handler", "login"),
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        });
        using var response = await http.PostAsync(new Uri("/login", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location?.OriginalString.Contains("/login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {response.ReasonPhrase}, to {response.Headers.Location}.");
        }
    }

    /// <summary>GETs a page as a browser's first load does and returns the server component markers it carries.</summary>
    public async Task<PrerenderedPage> LoadAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {response.ReasonPhrase} (signed out?).");
        }

        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        return PrerenderedPage.Parse(html);
    }

    /// <summary>
    /// What blazor.web.js beacons when a page unloads: POST /_blazor/disconnect with the circuit's id as a form field,
    /// so the server disposes the circuit now instead of keeping it for a reconnection (three minutes by default).
    /// </summary>
    public async Task<bool> DisconnectAsync(string circuitId, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = circuitId });
        using var response = await http.PostAsync(new Uri("_blazor/disconnect", UriKind.Relative), content, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => http.Dispose();

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $@"\s{Regex.Escape(name)}\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)')", RegexOptions.CultureInvariant);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputTag();
}

/// <summary>
/// A prerendered page's root component markers (the HTML comments <c>&lt;!--Blazor:{...}--&gt;</c> that open each
/// interactive root; the closing ones carry only a prerenderId) and its persisted component state, in document order.
/// </summary>
internal sealed partial record PrerenderedPage(IReadOnlyList<JsonElement> ServerMarkers, string ApplicationState)
{
    public static PrerenderedPage Parse(string html)
    {
        var markers = new List<JsonElement>();
        foreach (Match comment in MarkerComment().Matches(html))
        {
            using var document = JsonDocument.Parse(comment.Groups["json"].Value);
            var marker = document.RootElement;
            if (marker.TryGetProperty("type", out var type) && type.GetString() is "server" or "auto")
            {
                markers.Add(marker.Clone());
            }
        }

        var state = StateComment().Match(html);
        return new PrerenderedPage(markers, state.Success ? state.Groups["state"].Value.Trim() : string.Empty);
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MarkerComment();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>.*?)-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StateComment();
}
