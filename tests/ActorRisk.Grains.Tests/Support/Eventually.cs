using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>Waits for a condition with a deadline: the forwarder hands things over on its own one-second timers.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null, [CallerArgumentExpression(nameof(done))] string condition = "")
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = within ?? DefaultDeadline;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (elapsed.Elapsed > deadline)
            {
                throw new TimeoutException($"Not true within {deadline.TotalSeconds:0.#} s: {condition} (last value: {value})");
            }

            await Task.Delay(Poll);
        }
    }

    public static Task<T> Until<T>(Func<T> read, Func<T, bool> done, TimeSpan? within = null, [CallerArgumentExpression(nameof(done))] string condition = "") =>
        Until(() => Task.FromResult(read()), done, within, condition);
}
