namespace ActorRisk.Runtime.Abstractions;

/// <summary>
/// A grain's persistent state, as in Orleans. Loaded before the first turn; written only when the grain calls
/// <see cref="WriteStateAsync"/>. Every write carries the version read (the ETag): a write over a newer
/// version throws <see cref="InconsistentStateException"/> and the activation is deactivated, so the next
/// call reloads the current state.
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The stored version, or null when nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <see cref="State"/> and records that <paramref name="request"/> was applied with
    /// <paramref name="answer"/>, atomically. If the request was already applied (by this grain or any other),
    /// nothing is written, <see cref="State"/> goes back to what is stored, and the result carries the first
    /// answer: a retried request changes state once, however often it arrives, even across restarts.
    /// </summary>
    Task<RequestResult<TAnswer>> WriteStateAsync<TAnswer>(RequestId request, TAnswer answer, CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks a grain constructor parameter of type IPersistentState&lt;T&gt;: the runtime supplies it, loaded.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName = PersistentStateAttribute.DefaultStorage) : Attribute
{
    public const string DefaultStorage = "Default";

    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName;
}

/// <summary>
/// The schema version of a state type, stored with every row. Adding a field needs no new version (missing
/// fields read as defaults); a change that needs data conversion raises it and registers an IStateUpgrader.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class StateSchemaVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}

/// <summary>The stored version did not match, or the writer no longer owns the grain: the state is stale.</summary>
public sealed class InconsistentStateException(string message, Exception? inner = null) : Exception(message, inner);
