using System.Security.Cryptography;
using System.Text;
using ActorRisk.Silo.Hosting;

namespace ActorRisk.Silo.Security;

/// <summary>A known API key: its name (the actor in audit entries) and roles.</summary>
public sealed record ApiKeyIdentity(string Name, IReadOnlySet<string> Roles);

/// <summary>
/// API keys by SHA-256 hash: keys are never kept in clear. A presented key is hashed and looked up; the hash
/// lookup does not leak the stored keys through timing.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly Dictionary<string, ApiKeyIdentity> byHash = new(StringComparer.Ordinal);

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

            byHash[hash] = new ApiKeyIdentity(key.Name, new HashSet<string>(key.Roles, StringComparer.Ordinal));
        }
    }

    public int Count => byHash.Count;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public ApiKeyIdentity? Find(string presented) => byHash.GetValueOrDefault(Hash(presented));
}
