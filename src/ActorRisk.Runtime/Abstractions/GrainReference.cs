namespace ActorRisk.Runtime.Abstractions;

/// <summary>
/// Base of typed grain references. A reference class implements the grain interface by sending each call
/// through the runtime: <c>public Task&lt;Decision&gt; AuthorizeAsync(Request r) =&gt; InvokeAsync(AuthorizeMethod, r);</c>
/// References are written by hand (a few lines per interface) rather than generated; see docs/runtime.md.
/// </summary>
public abstract class GrainReference(IGrainCallInvoker invoker, GrainId grainId)
{
    public GrainId GrainId { get; } = grainId;

    protected Task<TResult> InvokeAsync<TGrain, TRequest, TResult>(GrainMethod<TGrain, TRequest, TResult> method, TRequest request)
        where TGrain : IGrain =>
        invoker.InvokeAsync(GrainId, method, request);

    protected Task<TResult> InvokeAsync<TGrain, TResult>(GrainMethod<TGrain, NoArgs, TResult> method)
        where TGrain : IGrain =>
        invoker.InvokeAsync(GrainId, method, default(NoArgs));

    public override string ToString() => GrainId.ToString();
}

/// <summary>Delivers a call to the grain's activation (local now; forwarded to the owning silo in a cluster).</summary>
public interface IGrainCallInvoker
{
    Task<TResult> InvokeAsync<TGrain, TRequest, TResult>(GrainId grainId, GrainMethod<TGrain, TRequest, TResult> method, TRequest request)
        where TGrain : IGrain;
}
