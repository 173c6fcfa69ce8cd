namespace ActorRisk.Backup;

/// <summary>
/// The layout of a backup set: one gzip-compressed JSON-lines file per table (<c>OrleansGrainState.jsonl.gz</c>) and
/// <c>manifest.json</c>, written last, so a set without a manifest is one whose backup did not finish.
/// </summary>
public static class BackupFormat
{
    /// <summary>Raised when the layout of a file changes; restore refuses a version it does not know.</summary>
    public const int Version = 1;

    public const string ManifestName = "manifest.json";

    /// <summary>
    /// The tables Orleans' Azure providers keep data in with their default names: grain state (ActorRisk's and stream
    /// pub-sub's) and reminders. Not OrleansSiloInstances: membership describes silos that are running, and the silos
    /// write it again as they start.
    /// </summary>
    public static IReadOnlyList<string> Tables { get; } = ["OrleansGrainState", "OrleansReminders"];

    /// <summary>The name of a backup set: the UTC time its backup started, to the second, sortable.</summary>
    public static string SetName(DateTimeOffset started) =>
        started.UtcDateTime.ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string FileName(string table) => $"{table}.jsonl.gz";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
