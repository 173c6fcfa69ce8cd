using System.Security.Cryptography;
using ActorRisk.Api.Diagnostics;
using Microsoft.AspNetCore.Identity;

namespace ActorRisk.Api.Security;

/// <summary>A portal user as configured: ActorRisk:Users (password hashed with ASP.NET Core's PasswordHasher).</summary>
public sealed class PortalUserOptions
{
    /// <summary>The users who sign in with a password hash, in every mode.</summary>
    public const string ConfiguredSection = "ActorRisk:Users";

    /// <summary>Demo users with clear passwords, read in Development or memory mode only.</summary>
    public const string DemoSection = "ActorRisk:Demo:Users";

    /// <summary>The name the user signs in with (not case-sensitive).</summary>
    public string UserName { get; set; } = string.Empty;

    /// <summary>ASP.NET Core PasswordHasher output (ActorRisk:Users); never a clear password.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Demo users only (ActorRisk:Demo:Users): a clear password, hashed at start and never stored.</summary>
    public string? Password { get; set; }

    /// <summary>The user's portal roles: analyst, operator or admin.</summary>
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

    /// <summary>The password was right but an administrator disabled the user.</summary>
    Disabled,
}

/// <summary>A portal user as the access page lists them: where the user comes from and its state.</summary>
public sealed record PortalUserListing(
    string UserName,
    IReadOnlyList<string> Roles,
    bool Configured,
    bool Disabled,
    string? CreatedBy,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? PasswordChangedAt);

/// <summary>
/// Portal users and password checks, with lockout: <see cref="MaxFailures"/> wrong passwords in a row lock the
/// user name for <see cref="LockoutDuration"/> (per silo). Unknown user names are hashed against a dummy, so the
/// answer time does not tell which names exist. Two sources: configuration (fixed at start) and the users
/// administrators manage in the portal (<see cref="AccessGrain"/>), replaced as a whole immutable snapshot whenever
/// they change, so sign-ins and cookie checks read them without a lock.
/// </summary>
public sealed class PortalUsers
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>The session stamp of configured users: they change only with a restart, which ends every session anyway.</summary>
    private const string ConfiguredStamp = "configuration";

    private static readonly ImmutableDictionary<string, Entry> NoUsers = ImmutableDictionary<string, Entry>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    private readonly PasswordHasher<PortalUser> hasher = new();
    private readonly Dictionary<string, Entry> configured;
    private readonly Dictionary<string, (int Failures, DateTimeOffset? LockedUntil)> attempts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock sync = new();
    private readonly TimeProvider clock;
    private readonly ApiMetrics? metrics;
    private readonly string dummyHash;
    private ImmutableDictionary<string, Entry> managed = NoUsers;

    /// <param name="metrics">Counts refused sign-ins and lockouts (a brute-force attempt shows there first); optional.</param>
    public PortalUsers(IEnumerable<PortalUserOptions> configured, TimeProvider clock, ApiMetrics? metrics = null)
    {
        this.clock = clock;
        this.metrics = metrics;
        this.configured = new(StringComparer.OrdinalIgnoreCase);
        foreach (var option in configured)
        {
            if (string.IsNullOrWhiteSpace(option.UserName))
            {
                throw new InvalidOperationException("A portal user needs a UserName.");
            }

            var unknown = option.Roles.Where(r => !PortalRoleNames.All.Contains(r)).ToList();
            if (unknown.Count > 0 || option.Roles.Count == 0)
            {
                throw new InvalidOperationException($"Portal user '{option.UserName}': roles must be some of {string.Join(", ", PortalRoleNames.All)} (got '{string.Join(", ", option.Roles)}').");
            }

            var user = new PortalUser(option.UserName, [.. option.Roles]);
            var hash = option.PasswordHash
                ?? (option.Password is { Length: > 0 } password ? hasher.HashPassword(user, password) : throw new InvalidOperationException($"Portal user '{option.UserName}' needs a PasswordHash."));
            this.configured[option.UserName] = new Entry(user, hash, Disabled: false, ConfiguredStamp, Stored: null);
        }

        dummyHash = hasher.HashPassword(new PortalUser(string.Empty, []), Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
    }

    public int Count => configured.Count + Volatile.Read(ref managed).Count;

    public IEnumerable<PortalUser> All => configured.Values.Concat(Volatile.Read(ref managed).Values).Select(u => u.User);

    /// <summary>Every user, configured ones first, for the access page.</summary>
    public IReadOnlyList<PortalUserListing> Listing =>
    [
        .. configured.Values.OrderBy(e => e.User.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(e => new PortalUserListing(e.User.UserName, e.User.Roles, Configured: true, Disabled: false, null, null, null)),
        .. Volatile.Read(ref managed).Values.OrderBy(e => e.User.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(e => new PortalUserListing(e.User.UserName, e.User.Roles, Configured: false, e.Disabled, e.Stored!.CreatedBy, e.Stored.CreatedAt, e.Stored.PasswordChangedAt)),
    ];

    /// <summary>Whether <paramref name="userName"/> is a configured user (compared without case, as sign-in does).</summary>
    public bool IsConfigured(string userName) => configured.ContainsKey(userName);

    /// <summary>A password hash for a portal-managed user (the clear password goes no further than this call).</summary>
    public string HashPassword(string userName, string password) => hasher.HashPassword(new PortalUser(userName, []), password);

    /// <summary>
    /// The user behind a session, if it may still use the portal: known, not disabled, and with the password its
    /// cookie was issued under (<paramref name="stamp"/>); null otherwise.
    /// </summary>
    public PortalUser? Active(string userName, string? stamp) =>
        Lookup(userName) is { Disabled: false } entry && string.Equals(entry.Stamp, stamp, StringComparison.Ordinal) ? entry.User : null;

    /// <summary>The session stamp to put in a new cookie: it changes when an administrator resets the password.</summary>
    public string? StampOf(string userName) => Lookup(userName)?.Stamp;

    /// <summary>Replaces the portal-managed users with <paramref name="users"/> (never one that clashes with configuration).</summary>
    public void Replace(IEnumerable<StoredPortalUser> users)
    {
        var next = NoUsers.ToBuilder();
        foreach (var stored in users.Where(u => !configured.ContainsKey(u.UserName)))
        {
            next[stored.UserName] = new Entry(
                new PortalUser(stored.UserName, [.. stored.Roles]),
                stored.PasswordHash,
                stored.Disabled,
                $"{stored.CreatedAt.UtcTicks}:{stored.PasswordChangedAt.UtcTicks}",
                stored);
        }

        Volatile.Write(ref managed, next.ToImmutable());
    }

    public (SignInResult Result, PortalUser? User) SignIn(string userName, string password)
    {
        var outcome = Check(userName, password);
        switch (outcome.Result)
        {
            case SignInResult.Failed:
                metrics?.SignInFailed(MetricNames.WrongCredentials);
                break;
            case SignInResult.LockedOut:
                metrics?.SignInFailed(outcome.LockedNow ? MetricNames.WrongCredentials : MetricNames.LockedOut);
                if (outcome.LockedNow)
                {
                    metrics?.LockedOut();
                }

                break;
            case SignInResult.Disabled:
                metrics?.SignInFailed(MetricNames.Disabled);
                break;
        }

        return (outcome.Result, outcome.User);
    }

    // LockedNow: this attempt's wrong password locked the user name, rather than finding it locked already.
    private (SignInResult Result, PortalUser? User, bool LockedNow) Check(string userName, string password)
    {
        var now = clock.GetUtcNow();
        lock (sync)
        {
            if (attempts.TryGetValue(userName, out var state) && state.LockedUntil > now)
            {
                return (SignInResult.LockedOut, null, false);
            }
        }

        var entry = Lookup(userName);
        var verified = hasher.VerifyHashedPassword(entry?.User ?? new PortalUser(userName, []), entry?.Hash ?? dummyHash, password) != PasswordVerificationResult.Failed;
        lock (sync)
        {
            if (entry is not null && verified)
            {
                attempts.Remove(userName);
                return entry.Disabled ? (SignInResult.Disabled, null, false) : (SignInResult.Succeeded, entry.User, false);
            }

            var failures = (attempts.TryGetValue(userName, out var state) && state.LockedUntil is null ? state.Failures : 0) + 1;
            attempts[userName] = failures >= MaxFailures ? (0, now + LockoutDuration) : (failures, null);
            return failures >= MaxFailures ? (SignInResult.LockedOut, null, true) : (SignInResult.Failed, null, false);
        }
    }

    private Entry? Lookup(string userName) =>
        configured.GetValueOrDefault(userName) ?? Volatile.Read(ref managed).GetValueOrDefault(userName);

    private sealed record Entry(PortalUser User, string Hash, bool Disabled, string Stamp, StoredPortalUser? Stored);
}
