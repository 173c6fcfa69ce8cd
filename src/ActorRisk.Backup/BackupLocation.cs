using Azure.Identity;
using Azure.Storage.Blobs;

namespace ActorRisk.Backup;

/// <summary>
/// Where backups go or a restore reads from, as an operator writes it: an http(s) URI of a blob container, optionally
/// with a path under it, or a local directory. A container is reached with <paramref name="BlobConnectionString"/>
/// when given (its account key; the URI then names only the container and path), else with the URI's SAS, else
/// signed in with DefaultAzureCredential.
/// </summary>
public sealed record BackupLocation(string Value, string? BlobConnectionString = null)
{
    public bool IsBlob => Uri.TryCreate(Value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>A new set under this location, named by its start time.</summary>
    public IBackupSet NewSet(DateTimeOffset started) => Open(BackupFormat.SetName(started));

    /// <summary>The set at this location itself (a restore's --from).</summary>
    public IBackupSet ExistingSet() => Open(null);

    private IBackupSet Open(string? setName)
    {
        if (!IsBlob)
        {
            return new DirectoryBackupSet(setName is null ? Value : Path.Combine(Value, setName));
        }

        var address = new BlobUriBuilder(new Uri(Value));
        if (string.IsNullOrEmpty(address.BlobContainerName))
        {
            throw new BackupException("A blob location names a container: https://<account>.blob.core.windows.net/<container>[/<path>].");
        }

        var prefix = setName is null ? address.BlobName : $"{address.BlobName?.Trim('/')}/{setName}";
        address.BlobName = "";
        BlobContainerClient container;
        if (!string.IsNullOrEmpty(BlobConnectionString))
        {
            container = new BlobServiceClient(BlobConnectionString).GetBlobContainerClient(address.BlobContainerName);
        }
        else if (address.Sas is not null)
        {
            container = new BlobContainerClient(address.ToUri());
        }
        else
        {
            container = new BlobContainerClient(address.ToUri(), new DefaultAzureCredential());
        }

        return new BlobBackupSet(container, prefix ?? "");
    }
}
