namespace ActorRisk.Runtime.Abstractions;

/// <summary>
/// Lists the grains that have stored state, page by page, from the storage itself (every silo sees the same
/// list): how a job reaches every grain of a type, such as closing a month for every merchant.
/// </summary>
public interface IGrainCatalog
{
    /// <returns>Up to <paramref name="limit"/> keys after <paramref name="afterKey"/>, in the storage's key order; fewer at the end.</returns>
    Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string stateName, string? afterKey, int limit, string storageName = PersistentStateAttribute.DefaultStorage, CancellationToken cancellationToken = default);
}
