namespace ActorRisk.Runtime.Tests;

/// <summary>
/// Tests that read process-wide measurements without a tag to tell tests apart (group-commit batch sizes), or
/// that load the machine on purpose: they run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(nameof(RunAlone), DisableParallelization = true)]
public sealed class RunAlone;
