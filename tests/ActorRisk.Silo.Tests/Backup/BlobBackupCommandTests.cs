using ActorRisk.Backup.Tests.Support;
using ActorRisk.Backup;
using ActorRisk.Silo.Maintenance;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>
/// Sets in a blob container (Azurite's), reached with a connection string or a SAS, and what the commands print of
/// them: locations, never the account key or the SAS signature.
/// </summary>
public sealed class BlobBackupCommandTests
{
    [Fact]
    public async Task ABackupToAContainerRestoresIntoAnotherAccountWithoutPrintingTheKey()
    {
        var source = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(source.GrainState, Rows.GrainStates(400, 6).Append(Rows.EveryType("service_every", "type")));
        await OrleansTableAccount.FillAsync(source.Reminders, Rows.Reminders(5));
        var expected = await source.ContentsAsync();
        var container = source.ContainerUri("backups") + "/nightly";

        var backup = await Maintenance.SucceedAsync("backup", "--to", container, "--connection-string", source.ConnectionString, "--blob-connection-string", source.ConnectionString);
        var set = await OnlySetAsync(source.Blobs.GetBlobContainerClient("backups"), "nightly/");
        var target = await OrleansTableAccount.StartAsync();
        var restore = await Maintenance.SucceedAsync("restore", "--from", set, "--connection-string", target.ConnectionString, "--blob-connection-string", source.ConnectionString);

        Assert.Contains($"Backup set: {set}", backup.Output, StringComparison.Ordinal);
        var restored = await target.ContentsAsync();
        Assert.Equal(expected.GrainState, restored.GrainState);
        Assert.Equal(expected.Reminders, restored.Reminders);
        Assert.Contains("OrleansGrainState 401, OrleansReminders 5 entities restored", restore.Output, StringComparison.Ordinal);
        AssertNoSecret(backup);
        AssertNoSecret(restore);
    }

    [Fact]
    public async Task ASasLocationIsPrintedWithoutItsSignatureWhetherTheCommandWorksOrFails()
    {
        var source = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(source.GrainState, Rows.GrainStates(50, 2));
        var container = source.Blobs.GetBlobContainerClient("sas-backups");
        await container.CreateIfNotExistsAsync();
        var sas = container.GenerateSasUri(BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1)).AbsoluteUri;
        Assert.Contains("sig=", sas, StringComparison.Ordinal);

        var backup = await Maintenance.SucceedAsync("backup", "--to", sas, "--connection-string", source.ConnectionString);
        var set = await OnlySetAsync(container, "");
        var setWithSas = new BlobUriBuilder(new Uri(sas)) { BlobName = new BlobUriBuilder(new Uri(set)).BlobName }.ToUri().AbsoluteUri;
        var restore = await Maintenance.SucceedAsync("restore", "--from", setWithSas, "--connection-string", (await OrleansTableAccount.StartAsync()).ConnectionString);
        var missing = await Maintenance.RunAsync("restore", "--from", sas.Replace("sas-backups", "sas-backups/no-such-set", StringComparison.Ordinal), "--connection-string", source.ConnectionString, "--verbose");

        Assert.Contains("OrleansGrainState 50", restore.Output, StringComparison.Ordinal);
        Assert.Equal(MaintenanceCommand.Failed, missing.ExitCode);
        Assert.Contains(BackupFormat.ManifestName, missing.Error, StringComparison.Ordinal);
        foreach (var run in new[] { backup, restore, missing })
        {
            AssertNoSecret(run);
            Assert.DoesNotContain(new BlobUriBuilder(new Uri(sas)).Sas.Signature, run.Everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFailureOfStorageIsOneLineWithoutTheKey()
    {
        var source = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(source.GrainState, Rows.GrainStates(10, 1));
        var wrongKey = source.ConnectionString.Replace(AzuriteServer.AccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);

        var run = await Maintenance.RunAsync("backup", "--to", Maintenance.NewDirectory(), "--connection-string", wrongKey);

        Assert.Equal(MaintenanceCommand.Failed, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("HTTP 403", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run);
        Assert.DoesNotContain(Convert.ToBase64String(new byte[64]), run.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageThatDoesNotAnswerIsOneLineWithoutTheKey()
    {
        var nobody = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
            $"TableEndpoint=http://127.0.0.1:{SiloSetup.FreePort()}/{AzuriteServer.AccountName}";

        var run = await Maintenance.RunAsync("backup", "--to", Maintenance.NewDirectory(), "--connection-string", nobody);

        Assert.Equal(MaintenanceCommand.Failed, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("storage did not answer", run.Error, StringComparison.Ordinal);
        AssertNoSecret(run);
    }

    private static void AssertNoSecret(CommandRun run)
    {
        Assert.DoesNotContain(AzuriteServer.AccountKey, run.Everything, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", run.Everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sig=", run.Everything, StringComparison.OrdinalIgnoreCase);
    }

    // The address of the one set (its manifest's folder) under a prefix of the container.
    private static async Task<string> OnlySetAsync(BlobContainerClient container, string prefix)
    {
        var manifests = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            if (blob.Name.EndsWith("/" + BackupFormat.ManifestName, StringComparison.Ordinal))
            {
                manifests.Add(blob.Name[..^BackupFormat.ManifestName.Length]);
            }
        }

        return new UriBuilder(container.Uri) { Query = "" }.Uri.AbsoluteUri.TrimEnd('/') + "/" + Assert.Single(manifests);
    }
}
