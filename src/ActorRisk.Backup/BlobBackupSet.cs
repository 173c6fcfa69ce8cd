using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ActorRisk.Backup;

/// <summary>A backup set in a blob container, its files under a prefix ("2026-12-06T020000Z/").</summary>
public sealed class BlobBackupSet : IBackupSet
{
    private readonly BlobContainerClient container;
    private readonly string prefix;

    public BlobBackupSet(BlobContainerClient container, string prefix)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(prefix);
        this.container = container;
        this.prefix = prefix.Trim('/') is { Length: > 0 } trimmed ? trimmed + "/" : "";

        // The container's address without its query: a SAS there would be a secret.
        Location = new UriBuilder(container.Uri) { Query = "" }.Uri.AbsoluteUri.TrimEnd('/') + "/" + this.prefix;
    }

    public string Location { get; }

    public async Task<Stream> CreateAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 403)
        {
            // A container SAS, or an identity given a role on the container alone, may write blobs but not create
            // containers: the container is there. Were it not, the write below says so.
        }

        // If-None-Match *: a backup never writes over a blob of another set.
        var options = new BlobOpenWriteOptions { OpenConditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        return await container.GetBlobClient(prefix + name).OpenWriteAsync(overwrite: true, options, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(prefix + name);
        try
        {
            return await blob.OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }
}
