using System.Text.RegularExpressions;
using ActorRisk.Silo.Hosting;
using ActorRisk.Silo.Maintenance;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// The Table storage backups as infra/ deploys them (docs/backup.md): an account of their own that keeps deleted and
/// overwritten copies recoverable and expires old sets, a nightly job running the silo image's backup command, a restore
/// job an operator starts, and identities that can do only what their command needs.
/// </summary>
public sealed partial class BackupTemplateTests
{
    private const string TableDataReader = "76199698-9eea-4c19-bc75-cec21354c6b6";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string BlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    [Fact]
    public async Task TheBackupAccountKeepsCopiesRecoverableAndExpiresSetsAfterTheRetention()
    {
        var snapshot = await DeploymentSnapshot.OfAsync(new Dictionary<string, object> { ["backupRetentionDays"] = 90, ["backupSoftDeleteRetentionDays"] = 21 });

        var account = Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts"), IsBackupAccount);
        Assert.False(account["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(account["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("Standard_GRS", account["sku"]!["name"]!.GetValue<string>());

        var blobs = Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices"), r => IsBackupAccount(r))["properties"]!;
        Assert.True(blobs["isVersioningEnabled"]!.GetValue<bool>());
        Assert.Equal(21, blobs["deleteRetentionPolicy"]!["days"]!.GetValue<int>());
        Assert.True(blobs["deleteRetentionPolicy"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(21, blobs["containerDeleteRetentionPolicy"]!["days"]!.GetValue<int>());

        var rule = Assert.Single(Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts/managementPolicies"), IsBackupAccount)["properties"]!["policy"]!["rules"]!.AsArray())!;
        Assert.Equal(["table-backups/"], rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(90, rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());
        Assert.Equal(21, rule["definition"]!["actions"]!["version"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());

        // The backup freshness alert reads the account's blob writes.
        var logs = Assert.Single(snapshot.OfType("Microsoft.Insights/diagnosticSettings"), r => r["id"]!.GetValue<string>().Contains("/storageAccounts/stbk", StringComparison.Ordinal));
        Assert.Contains(logs["properties"]!["logs"]!.AsArray(), l => l!["category"]!.GetValue<string>() == "StorageWrite" && l["enabled"]!.GetValue<bool>());
        Assert.Contains("/workspaces/log-", logs["properties"]!["workspaceId"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBackupJobRunsTheSiloImagesBackupCommandOnTheScheduleWithItsOwnIdentity()
    {
        var snapshot = await DeploymentSnapshot.OfAsync(new Dictionary<string, object> { ["backupSchedule"] = "15 3 * * *" });

        var job = Job(snapshot, "backup");
        var configuration = job["properties"]!["configuration"]!;
        Assert.Equal("Schedule", configuration["triggerType"]!.GetValue<string>());
        Assert.Equal("15 3 * * *", configuration["scheduleTriggerConfig"]!["cronExpression"]!.GetValue<string>());
        var container = job["properties"]!["template"]!["containers"]![0]!;
        Assert.Equal(DeploymentSnapshot.RequiredParameters["siloImage"], container["image"]!.GetValue<string>());
        Assert.Equal(["dotnet", "ActorRisk.Silo.dll", "backup"], Strings(container["command"]).Concat(Strings(container["args"])));
        var settings = Settings(container);
        Assert.Contains("destination", settings["ActorRisk__Backup__Destination"], StringComparison.Ordinal);
        Assert.Contains("tableServiceUri", settings["ActorRisk__Azure__TableServiceUri"], StringComparison.Ordinal);
        // The job signs in as its own identity, never as the silos'.
        Assert.Contains("/userAssignedIdentities/id-backup-", settings["AZURE_CLIENT_ID"], StringComparison.Ordinal);
        var identity = Assert.Single(job["identity"]!["userAssignedIdentities"]!.AsObject()).Key;
        Assert.Contains("/userAssignedIdentities/id-backup-", identity, StringComparison.Ordinal);
        Assert.Equal(identity, configuration["registries"]![0]!["identity"]!.GetValue<string>());
        // No connection string, key or secret: the identity reaches both stores.
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.Empty(configuration["secrets"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task EverySettingTheJobsHaveOrTheRunbookGivesThemIsAKeyTheCommandsRead()
    {
        var snapshot = await DeploymentSnapshot.OfAsync();
        var documented = ConfigurationReference.Keys.Select(k => k.EnvironmentVariable).ToHashSet(StringComparer.Ordinal);
        var runbook = File.ReadAllText(Repository.File("docs/operations.md"));

        var settings = snapshot.OfType("Microsoft.App/jobs").SelectMany(job => Settings(job["properties"]!["template"]!["containers"]![0]!).Keys)
            .Where(name => name != "AZURE_CLIENT_ID")
            // What an operator sets on the restore job (docs/operations.md, "Restoring the Table storage").
            .Concat(RunbookSetting().Matches(runbook).Select(m => m.Groups[1].Value))
            .ToList();

        Assert.Contains(MaintenanceSettings.RestoreFrom.EnvironmentVariable, settings);
        Assert.Contains(MaintenanceSettings.BackupDestination.EnvironmentVariable, settings);
        Assert.All(settings, name => Assert.Contains(name, documented));
    }

    [Fact]
    public async Task TheRestoreJobRunsOnlyWhenAnOperatorStartsIt()
    {
        var snapshot = await DeploymentSnapshot.OfAsync();

        var job = Job(snapshot, "restore");
        Assert.Equal("Manual", job["properties"]!["configuration"]!["triggerType"]!.GetValue<string>());
        var container = job["properties"]!["template"]!["containers"]![0]!;
        // The operator names the set in a setting (ActorRisk__Restore__From); without it the command restores nothing.
        Assert.Equal(["restore"], Strings(container["args"]));
        Assert.Contains("/userAssignedIdentities/id-restore-", Assert.Single(job["identity"]!["userAssignedIdentities"]!.AsObject()).Key, StringComparison.Ordinal);
        Assert.DoesNotContain("ActorRisk__Backup__Destination", Settings(container).Keys);
        Assert.DoesNotContain("ActorRisk__Restore__From", Settings(container).Keys);
    }

    [Fact]
    public async Task EachIdentityHoldsOnlyTheRolesItsWorkNeeds()
    {
        var snapshot = await DeploymentSnapshot.OfAsync();

        // Backups only read the tables; only the restore writes them, and only the backup writes blobs.
        Assert.Equal(
            new[] { (AcrPull, "cr"), (BlobDataContributor, "stbk"), (TableDataReader, "st") }.Order(),
            RolesOf(snapshot, "id-backup-"));
        Assert.Equal(
            new[] { (AcrPull, "cr"), (BlobDataReader, "stbk"), (TableDataContributor, "st") }.Order(),
            RolesOf(snapshot, "id-restore-"));
        // The silos' identity cannot reach the backups.
        Assert.DoesNotContain(RolesOf(snapshot, "id-silo-"), role => role.Scope == "stbk");
    }

    [Fact]
    public async Task BeforeAzdDeploysAnImageTheAccountExistsAndTheJobsDoNot()
    {
        var snapshot = await DeploymentSnapshot.OfAsync(new Dictionary<string, object> { ["siloImage"] = "" });

        Assert.Empty(snapshot.OfType("Microsoft.App/jobs"));
        Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts"), IsBackupAccount);
    }

    [Fact]
    public async Task AnAlertFiresWhenNoSetOfThisDeploymentsBackupAccountFinishedInADay()
    {
        var snapshot = await DeploymentSnapshot.OfAsync();
        var account = Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts"), IsBackupAccount)["name"]!.GetValue<string>();
        var container = Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c["name"]!.GetValue<string>().StartsWith(account, StringComparison.Ordinal))["name"]!.GetValue<string>().Split('/')[^1];

        var rule = Assert.Single(snapshot.OfType("Microsoft.Insights/scheduledQueryRules"), r => r["name"]!.GetValue<string>().EndsWith("-backup-missing", StringComparison.Ordinal));
        var criterion = rule["properties"]!["criteria"]!["allOf"]![0]!;
        var query = criterion["query"]!.GetValue<string>();

        // A set is finished when its manifest is written (docs/backup.md); the logs that show it are the account's.
        Assert.Contains($"AccountName == \"{account}\"", query, StringComparison.Ordinal);
        Assert.Contains($"Uri contains \"/{container}/\"", query, StringComparison.Ordinal);
        Assert.Contains("\"/manifest.json\"", query, StringComparison.Ordinal);
        Assert.Equal("LessThan", criterion["operator"]!.GetValue<string>());
        Assert.Equal(1, criterion["threshold"]!.GetValue<int>());
        Assert.Equal("StorageBlobLogs", query.Trim().Split('\n')[0].Trim());
    }

    [GeneratedRegex(@"\b(ActorRisk__Restore__\w+)=")]
    private static partial Regex RunbookSetting();

    private static bool IsBackupAccount(JsonObject resource) => resource["name"]!.GetValue<string>().StartsWith("stbk", StringComparison.Ordinal);

    private static JsonObject Job(DeploymentSnapshot snapshot, string role) =>
        Assert.Single(snapshot.OfType("Microsoft.App/jobs"), j => j["tags"]?["actorrisk-role"]?.GetValue<string>() == role);

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(item => item!.GetValue<string>());

    private static Dictionary<string, string> Settings(JsonNode container) =>
        container["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());

    /// <summary>The roles assigned to the identity named with this prefix, as (role definition, kind of resource by its name prefix), sorted.</summary>
    private static List<(string Role, string Scope)> RolesOf(DeploymentSnapshot snapshot, string identityPrefix) =>
        [.. snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a["properties"]!["principalId"]!.GetValue<string>().Contains($"/userAssignedIdentities/{identityPrefix}", StringComparison.Ordinal))
            .Select(a => (
                Role: a["properties"]!["roleDefinitionId"]!.GetValue<string>().Split('/')[^1],
                Scope: ScopeKind(a["id"]!.GetValue<string>())))
            .Order()];

    private static string ScopeKind(string assignmentId)
    {
        var scopeName = assignmentId[..assignmentId.IndexOf("/providers/Microsoft.Authorization/", StringComparison.Ordinal)].Split('/')[^1];
        return scopeName.StartsWith("stbk", StringComparison.Ordinal) ? "stbk" : scopeName[..2];
    }
}
