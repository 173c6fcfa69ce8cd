namespace ActorRisk.PortalWatchers;

internal sealed record WatchOptions(
    Uri Url,
    string User,
    string Password,
    int Pages,
    string Path,
    TimeSpan Hold,
    string Chromium,
    bool RequireRenders,
    bool Verbose,
    bool CountFrames);
