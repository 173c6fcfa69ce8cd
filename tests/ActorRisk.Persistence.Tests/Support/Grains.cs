namespace ActorRisk.Persistence.Tests.Support;

/// <summary>Fresh grain ids: every test uses keys of its own, so tests can share a storage and run in parallel.</summary>
internal static class Grains
{
    public static GrainId NewId(string type = "account") => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    public static GrainState<T> State<T>(T state, string? etag = null) where T : class => new(state, etag);

    public static GrainState<T> Empty<T>() where T : class, new() => new(new T(), null);
}
