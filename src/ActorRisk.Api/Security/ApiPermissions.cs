using Microsoft.AspNetCore.Authorization;

namespace ActorRisk.Api.Security;

/// <summary>
/// The API's access model in one table: every endpoint requires exactly one permission (an authorization policy of the
/// same name), and each permission lists the roles that hold it. Admin holds every permission. docs/api.md prints this
/// table, and the host's tests check both the documentation and every route against it.
/// </summary>
public static class ApiPermissions
{
    public const string Authorize = "authorize";
    public const string ReadCard = "cards:read";
    public const string SearchCards = "cards:search";
    public const string BlockCards = "cards:block";
    public const string RecordMerchantEvents = "merchants:record";
    public const string ReadMerchants = "merchants:read";
    public const string ManageMerchants = "merchants:manage";
    public const string ImportMerchantHistory = "merchants:import-history";
    public const string ReadAlerts = "alerts:read";
    public const string AcknowledgeAlerts = "alerts:acknowledge";
    public const string CloseMonths = "months:close";

    /// <summary>Each permission with the roles that hold it, in the order docs/api.md lists them.</summary>
    public static IReadOnlyList<PermissionGrant> Table { get; } =
    [
        // A gateway reads a card only by the token it was given for it; it never searches cards or reads merchants.
        new(Authorize, [Roles.Gateway, Roles.Admin]),
        new(ReadCard, [Roles.Gateway, Roles.Analyst, Roles.Operator, Roles.Admin]),
        new(SearchCards, [Roles.Analyst, Roles.Operator, Roles.Admin]),
        new(BlockCards, [Roles.Operator, Roles.Admin]),
        // The back office feeds merchants' records and reads merchants' standing, never cards.
        new(RecordMerchantEvents, [Roles.BackOffice, Roles.Admin]),
        new(ReadMerchants, [Roles.BackOffice, Roles.Analyst, Roles.Operator, Roles.Admin]),
        new(ManageMerchants, [Roles.Operator, Roles.Admin]),
        // A processor adopting ActorRisk brings its merchants' past months from the back office's earlier system.
        new(ImportMerchantHistory, [Roles.BackOffice, Roles.Admin]),
        new(ReadAlerts, [Roles.Analyst, Roles.Operator, Roles.Admin]),
        new(AcknowledgeAlerts, [Roles.Operator, Roles.Admin]),
        new(CloseMonths, [Roles.Admin]),
    ];

    /// <summary>Adds one policy per permission, named after it, that requires one of its roles.</summary>
    public static AuthorizationBuilder AddApiPermissionPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var permission in Table)
        {
            builder.AddPolicy(permission.Name, p => p.RequireRole(permission.Roles));
        }

        return builder;
    }
}

/// <summary>One row of <see cref="ApiPermissions.Table"/>.</summary>
public sealed record PermissionGrant(string Name, IReadOnlyList<string> Roles);
