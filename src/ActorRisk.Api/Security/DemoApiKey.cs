namespace ActorRisk.Api.Security;

/// <summary>
/// The demo key in effect. A key the silo generated (no key configured at all) is shown once, in the start banner,
/// so a first run can call the API. A configured key is never shown: the banner, and so the logs that capture it,
/// only say that one is configured.
/// </summary>
/// <param name="Generated">The key the silo made for this run, or null.</param>
/// <param name="Configured">Whether ActorRisk:Demo:ApiKey is set.</param>
public sealed record DemoApiKey(string? Generated, bool Configured);
