namespace ActorRisk.Runtime.Tests.Grains;

/// <summary>A grain that reports to another grain when it deactivates (a call made during shutdown).</summary>
public interface IReporterGrain : IGrainWithStringKey
{
    /// <summary>On deactivation, tell the lifecycle grain <paramref name="sink"/> the value <paramref name="value"/> (it writes it when it deactivates).</summary>
    Task ReportOnDeactivateAsync(string sink, long value);
}

public sealed class ReporterGrain : Grain, IReporterGrain
{
    private (string Sink, long Value)? report;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (report is { } r)
        {
            await GrainFactory.GetGrain<ILifecycleGrain>(r.Sink).SetAndFlushOnDeactivateAsync(r.Value);
        }
    }

    public Task ReportOnDeactivateAsync(string sink, long value)
    {
        report = (sink, value);
        return Task.CompletedTask;
    }
}

public sealed class ReporterGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IReporterGrain
{
    private static readonly GrainMethod<IReporterGrain, (string, long), Done> Report = new(nameof(ReportOnDeactivateAsync), static async (g, r) =>
    {
        await g.ReportOnDeactivateAsync(r.Item1, r.Item2);
        return default;
    });

    public Task ReportOnDeactivateAsync(string sink, long value) => InvokeAsync(Report, (sink, value));
}
