using ActorRisk.Runtime.Core;
using ActorRisk.Runtime.Diagnostics;

namespace ActorRisk.Runtime.Timers;

/// <summary>
/// An activation-bound timer (Orleans' RegisterGrainTimer). Each tick is a writing turn on the activation;
/// the next period starts after the callback finishes, so ticks never overlap. Stops with the activation.
/// </summary>
internal sealed class GrainTimer(GrainRuntime runtime, Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();

    public void Start() => _ = RunAsync();

    public void Stop()
    {
        if (!cancellation.IsCancellationRequested)
        {
            cancellation.Cancel();
        }
    }

    public void Dispose()
    {
        Stop();
        activation.RemoveTimer(this);
    }

    private async Task RunAsync()
    {
        var token = cancellation.Token;
        try
        {
            await Task.Delay(dueTime, runtime.TimeProvider, token).ConfigureAwait(false);
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await runtime.RunTimerTurnAsync(activation, callback, token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    RuntimeLog.TimerFailed(runtime.Logger, exception, activation.GrainId);
                }

                if (period == Timeout.InfiniteTimeSpan)
                {
                    break;
                }

                await Task.Delay(period, runtime.TimeProvider, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
