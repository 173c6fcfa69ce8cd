using ActorRisk.Api.Endpoints;
using ActorRisk.Api.Security;

namespace ActorRisk.Api.Access;

/// <summary>The rules for names, roles, passwords and reasons of portal-managed users and keys; each check answers null or the problem.</summary>
public static class AccessRules
{
    public const int MaxNameLength = 64;
    public const int MinPasswordLength = 12;

    // PasswordHasher hashes any length; the cap only keeps a pasted book out of the hashing loop.
    public const int MaxPasswordLength = 256;
    public const int MaxReasonLength = 500;

    public static string? UserName(string? userName) =>
        userName is { Length: > 0 } && Identifiers.IsValid(userName, MaxNameLength)
            ? null
            : $"User name: use only letters, digits and - _ . : (at most {MaxNameLength}).";

    public static string? KeyName(string? name) =>
        name is { Length: > 0 } && Identifiers.IsValid(name, MaxNameLength)
            ? null
            : $"Key name: use only letters, digits and - _ . : (at most {MaxNameLength}).";

    public static string? PortalRoles(IReadOnlyCollection<string> roles) =>
        roles.Count > 0 && roles.All(PortalRoleNames.All.Contains)
            ? null
            : $"Roles: choose one or more of {string.Join(", ", PortalRoleNames.All)}.";

    public static string? ApiRoles(IReadOnlyCollection<string> roles) =>
        roles.Count > 0 && roles.All(Roles.All.Contains)
            ? null
            : $"Roles: choose one or more of {string.Join(", ", Roles.All)}.";

    public static string? Password(string? password, string? confirmation)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            return $"Password: at least {MinPasswordLength} characters.";
        }

        if (password.Length > MaxPasswordLength)
        {
            return $"Password: at most {MaxPasswordLength} characters.";
        }

        return string.Equals(password, confirmation, StringComparison.Ordinal) ? null : "Password: the confirmation does not match.";
    }

    public static string? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Give a reason for the change: it goes into the audit log."
        : reason.Trim().Length > MaxReasonLength ? $"Reason: at most {MaxReasonLength} characters."
        : null;

    public static string ConfiguredUser(string userName) =>
        $"'{userName}' is a portal user from configuration (ActorRisk:Users or ActorRisk:Demo:Users): change it there, or choose another name.";

    public static string ConfiguredKey(string name) =>
        $"'{name}' is an API key from configuration (ActorRisk:ApiKeys or ActorRisk:Demo:ApiKey): choose another name.";

    /// <summary>Roles without duplicates in a stable order, so equal role sets compare equal.</summary>
    public static ImmutableArray<string> Ordered(IEnumerable<string> roles) => [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
