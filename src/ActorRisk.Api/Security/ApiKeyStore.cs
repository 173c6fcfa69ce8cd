using System.Security.Cryptography;
using System.Text;

namespace ActorRisk.Api.Security;

/// <summary>A known API key: its name (the actor in audit entries) and roles.</summary>
public sealed record ApiKeyIdentity(string Name, IReadOnlySet<string> Roles);

/// <summary>
/// API keys by SHA-256 hash: keys are never kept in clear. A presented key is hashed and looked up; the hash
/// lookup does not leak the stored keys through timing. Two sources: configuration (fixed at start) and the keys
/// administrators manage in the portal (<see cref="AccessGrain"/>), replaced as a whole snapshot whenever they change,
/// so a revoked key stops authenticating with the next request and readers never take a lock.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly Dictionary<string, ApiKeyIdentity> configured = new(StringComparer.Ordinal);
    private readonly HashSet<string> configuredNames = new(StringComparer.OrdinalIgnoreCase);
    private ImmutableDictionary<string, ApiKeyIdentity> managed = ImmutableDictionary<string, ApiKeyIdentity>.Empty.WithComparers(StringComparer.Ordinal);

    public ApiKeyStore(IEnumerable<ApiKeyOptions> keys)
    {
        foreach (var key in keys)
        {
            var hash = key.Sha256.Trim().ToLowerInvariant();
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
            {
                throw new InvalidOperationException($"API key '{key.Name}': Sha256 must be 64 lower-case hex digits.");
            }

            var unknown = key.Roles.Where(r => !Roles.All.Contains(r)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"API key '{key.Name}': unknown roles {string.Join(", ", unknown)}.");
            }

            configured[hash] = new ApiKeyIdentity(key.Name, new HashSet<string>(key.Roles, StringComparer.Ordinal));
            configuredNames.Add(key.Name);
        }
    }

    /// <summary>Keys that authenticate now: configured ones and the portal's unrevoked ones.</summary>
    public int Count => configured.Count + Volatile.Read(ref managed).Count;

    /// <summary>The configured keys (names and roles), which the portal shows but cannot change.</summary>
    public IReadOnlyList<ApiKeyIdentity> Configured => [.. configured.Values.OrderBy(k => k.Name, StringComparer.Ordinal)];

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public ApiKeyIdentity? Find(string presented) => FindByHash(Hash(presented));

    public ApiKeyIdentity? FindByHash(string sha256) =>
        configured.GetValueOrDefault(sha256) ?? Volatile.Read(ref managed).GetValueOrDefault(sha256);

    /// <summary>Whether <paramref name="name"/> is a configured key's name (compared without case, as people read names).</summary>
    public bool IsConfigured(string name) => configuredNames.Contains(name);

    /// <summary>Replaces the portal-managed keys with <paramref name="keys"/>; revoked ones no longer authenticate.</summary>
    public void Replace(IEnumerable<StoredApiKey> keys)
    {
        var next = keys
            .Where(k => !k.Revoked && !configured.ContainsKey(k.Sha256))
            .ToImmutableDictionary(k => k.Sha256, k => new ApiKeyIdentity(k.Name, new HashSet<string>(k.Roles, StringComparer.Ordinal)), StringComparer.Ordinal);
        Volatile.Write(ref managed, next);
    }
}
