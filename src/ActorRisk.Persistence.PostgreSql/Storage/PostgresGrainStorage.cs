using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// Orleans grain storage in PostgreSQL: one row of <c>grain_state</c> per (grain type, grain key, state name),
/// its version the ETag, every write conditional on the version read in the same statement. Writes from many
/// grains share transactions (group commit) and concurrent activation loads share queries (group read) unless
/// the options turn them off. Clearing deletes the row (as the old runtime did), so the product's queries over
/// grain_state never see empty rows; a write after a clear inserts it again from version 1.
/// </summary>
public sealed partial class PostgresGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string name;
    private readonly PostgresGrainStorageOptions options;
    private readonly PostgresDatabase database;
    private readonly IGrainStorageSerializer serializer;
    private readonly IActivatorProvider activatorProvider;
    private readonly ILogger logger;
    private readonly GroupCommitWriter? groupCommit;
    private readonly GroupReader? groupRead;

    public PostgresGrainStorage(
        string name,
        PostgresGrainStorageOptions options,
        PostgresDatabases databases,
        IActivatorProvider activatorProvider,
        ILogger<PostgresGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(databases);

        // Orleans resolves lifecycle participants before it runs the configuration validators: check here too,
        // so a bad option gives the validator's message rather than whatever the pool would throw.
        new PostgresGrainStorageOptionsValidator(options, name).ValidateConfiguration();
        this.name = name;
        this.options = options;
        this.activatorProvider = activatorProvider;
        this.logger = logger;
        serializer = options.GrainStorageSerializer ?? throw new InvalidOperationException(
            $"PostgreSQL grain storage '{name}' has no {nameof(PostgresGrainStorageOptions.GrainStorageSerializer)}: register it with AddPostgresGrainStorage, which defaults it to the registered IGrainStorageSerializer.");
        database = databases.Get(options.ConnectionString);
        if (options.GroupCommit)
        {
            groupCommit = new GroupCommitWriter(database.DataSource, name, options.MaxBatchSize, options.MaxConcurrentBatches);
        }

        if (options.GroupRead)
        {
            groupRead = new GroupReader(database.DataSource, options.MaxBatchSize, options.MaxConcurrentBatches);
        }
    }

    /// <summary>The factory <c>AddPostgresGrainStorage</c> registers: the named options and the silo's shared databases.</summary>
    public static PostgresGrainStorage Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        return ActivatorUtilities.CreateInstance<PostgresGrainStorage>(
            services,
            name,
            services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = StateKey.Of(grainId, stateName);
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        var stored = groupRead is not null
            ? await groupRead.ReadAsync(key, cancellationToken).ConfigureAwait(false)
            : await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Json)) ?? CreateInstance<T>();
        grainState.ETag = StateEtag.Format(stored.Version);
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = StateKey.Of(grainId, stateName);
        var json = JsonPayload.Validate(serializer.Serialize(grainState.State), name, serializer, typeof(T));
        var expected = StateEtag.Parse(grainState.ETag, key);
        var version = await ExecuteAsync(StateWrite.Write(key, json, expected), cancellationToken).ConfigureAwait(false)
            ?? throw await ConflictAsync(key, "written", grainState.ETag).ConfigureAwait(false);
        grainState.ETag = StateEtag.Format(version);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = StateKey.Of(grainId, stateName);
        var expected = StateEtag.Parse(grainState.ETag, key);
        _ = await ExecuteAsync(StateWrite.Delete(key, expected), cancellationToken).ConfigureAwait(false)
            ?? throw await ConflictAsync(key, "cleared", grainState.ETag).ConfigureAwait(false);
        grainState.State = CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(OptionFormattingUtilities.Name<PostgresGrainStorage>(name), options.InitStage, StartAsync);
    }

    /// <summary>Drains the group-commit and group-read queues: every write already queued is committed first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (groupCommit is not null)
        {
            await groupCommit.DisposeAsync().ConfigureAwait(false);
        }

        if (groupRead is not null)
        {
            await groupRead.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Migrates at silo start, so a wrong connection string or an unreachable server stops the start with a clear
    /// message instead of failing the first grain call. The message names host and database, never the
    /// connection string (it may hold a password).
    /// </summary>
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        SerializerProbe.EnsureWritesJson(serializer, name);
        try
        {
            await database.EnsureMigratedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new OrleansConfigurationException(
                $"PostgreSQL grain storage '{name}' could not migrate {database.Target}: {exception.Message} Check {nameof(PostgresGrainStorageOptions)}.{nameof(PostgresGrainStorageOptions.ConnectionString)}.",
                exception);
        }

        LogStarted(name, database.Target, options.GroupCommit, options.GroupRead);
    }

    private async Task<long?> ExecuteAsync(StateWrite write, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        if (groupCommit is not null)
        {
            return await groupCommit.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }

        // One statement, one implicit transaction.
        await using var command = write.ToCommand(database.DataSource);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await StateWrite.ReadOutcomeAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT state, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        key.AddParameters(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredState(reader.GetFieldValue<byte[]>(0), reader.GetInt64(1))
            : null;
    }

    /// <summary>
    /// The conflict, with the ETag stored now (read after the failed write, so the version it names may be newer
    /// than the one the write met; null: no record).
    /// </summary>
    private async Task<InconsistentStateException> ConflictAsync(StateKey key, string operation, string? expectedEtag)
    {
        string? storedEtag = null;
        var stored = "(none: no record)";
        try
        {
            if (await ReadAsync(key, CancellationToken.None).ConfigureAwait(false) is { } row)
            {
                storedEtag = StateEtag.Format(row.Version);
                stored = storedEtag;
            }
        }
        catch (NpgsqlException)
        {
            stored = "(unknown: the database did not answer)";
        }

        LogConflict(name, key, operation, expectedEtag, stored);
        return new InconsistentStateException(
            $"PostgreSQL grain storage '{name}': {key} was not {operation}: expected ETag {expectedEtag ?? "(none: no record)"}, stored ETag {stored}.",
            storedEtag,
            expectedEtag);
    }

    private T CreateInstance<T>() => activatorProvider.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL grain storage {Name} ready on {Target} (group commit: {GroupCommit}, group read: {GroupRead})")]
    private partial void LogStarted(string name, string target, bool groupCommit, bool groupRead);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PostgreSQL grain storage {Name}: {Key} was not {Operation} (expected ETag {Expected}, stored {Stored})")]
    private partial void LogConflict(string name, StateKey key, string operation, string? expected, string stored);
}
