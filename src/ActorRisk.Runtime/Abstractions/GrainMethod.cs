namespace ActorRisk.Runtime.Abstractions;

/// <summary>
/// One grain interface method as data: its name (for logs, metrics and, later, cross-silo forwarding), whether
/// it may interleave with other read-only calls, and a static delegate that calls it on the activation.
/// Grain references declare one per method; calls allocate no closures.
/// </summary>
public sealed class GrainMethod<TGrain, TRequest, TResult>(string name, Func<TGrain, TRequest, Task<TResult>> body, bool readOnly = false)
    where TGrain : IGrain
{
    public string Name { get; } = name;

    /// <summary>Read-only calls may run together with other read-only calls of the same activation (Orleans' [ReadOnly]).</summary>
    public bool ReadOnly { get; } = readOnly;

    public Func<TGrain, TRequest, Task<TResult>> Body { get; } = body;
}

/// <summary>The argument of a grain method that takes none.</summary>
public readonly record struct NoArgs;

/// <summary>The result of a grain method that returns a plain Task.</summary>
public readonly record struct Done;
