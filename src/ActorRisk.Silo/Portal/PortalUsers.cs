using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace ActorRisk.Silo.Portal;

/// <summary>A portal user as configured: ActorRisk:Users (password hashed with ASP.NET Core's PasswordHasher).</summary>
public sealed class PortalUserOptions
{
    public string UserName { get; set; } = string.Empty;

    /// <summary>PasswordHasher output (ActorRisk:Users); never a clear password.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Demo users only (ActorRisk:Demo:Users): hashed at start, never stored.</summary>
    public string? Password { get; set; }

    public List<string> Roles { get; set; } = [];
}

/// <summary>A signed-in portal user's name and roles.</summary>
public sealed record PortalUser(string UserName, IReadOnlyList<string> Roles);

/// <summary>The outcome of a sign-in attempt.</summary>
public enum SignInResult
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>
/// Portal users and password checks, with lockout: <see cref="MaxFailures"/> wrong passwords in a row lock the
/// user name for <see cref="LockoutDuration"/> (per silo). Unknown user names are hashed against a dummy, so the
/// answer time does not tell which names exist.
/// </summary>
public sealed class PortalUsers
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private readonly PasswordHasher<PortalUser> hasher = new();
    private readonly Dictionary<string, (PortalUser User, string Hash)> users;
    private readonly Dictionary<string, (int Failures, DateTimeOffset? LockedUntil)> attempts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock sync = new();
    private readonly TimeProvider clock;
    private readonly string dummyHash;

    public PortalUsers(IEnumerable<PortalUserOptions> configured, TimeProvider clock)
    {
        this.clock = clock;
        users = new(StringComparer.OrdinalIgnoreCase);
        foreach (var option in configured)
        {
            if (string.IsNullOrWhiteSpace(option.UserName))
            {
                throw new InvalidOperationException("A portal user needs a UserName.");
            }

            var unknown = option.Roles.Where(r => !PortalAuth.Roles.Contains(r)).ToList();
            if (unknown.Count > 0 || option.Roles.Count == 0)
            {
                throw new InvalidOperationException($"Portal user '{option.UserName}': roles must be some of {string.Join(", ", PortalAuth.Roles)} (got '{string.Join(", ", option.Roles)}').");
            }

            var user = new PortalUser(option.UserName, [.. option.Roles]);
            var hash = option.PasswordHash
                ?? (option.Password is { Length: > 0 } password ? hasher.HashPassword(user, password) : throw new InvalidOperationException($"Portal user '{option.UserName}' needs a PasswordHash."));
            users[option.UserName] = (user, hash);
        }

        dummyHash = hasher.HashPassword(new PortalUser(string.Empty, []), Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
    }

    public int Count => users.Count;

    public IEnumerable<PortalUser> All => users.Values.Select(u => u.User);

    public (SignInResult Result, PortalUser? User) SignIn(string userName, string password)
    {
        var now = clock.GetUtcNow();
        lock (sync)
        {
            if (attempts.TryGetValue(userName, out var state) && state.LockedUntil > now)
            {
                return (SignInResult.LockedOut, null);
            }
        }

        var found = users.TryGetValue(userName, out var entry);
        var verified = hasher.VerifyHashedPassword(entry.User ?? new PortalUser(userName, []), found ? entry.Hash : dummyHash, password) != PasswordVerificationResult.Failed;
        lock (sync)
        {
            if (found && verified)
            {
                attempts.Remove(userName);
                return (SignInResult.Succeeded, entry.User);
            }

            var failures = (attempts.TryGetValue(userName, out var state) && state.LockedUntil is null ? state.Failures : 0) + 1;
            attempts[userName] = failures >= MaxFailures ? (0, now + LockoutDuration) : (failures, null);
            return (failures >= MaxFailures ? SignInResult.LockedOut : SignInResult.Failed, null);
        }
    }
}
