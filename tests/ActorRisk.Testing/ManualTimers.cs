namespace ActorRisk.Testing;

/// <summary>
/// A clock that reads a test's manual clock and whose timers follow it: a timer due in an hour fires when the test
/// moves the clock an hour on (checked every 20 ms of real time). Given to Orleans' reminder service, it lets a test close
/// months by moving the clock instead of waiting for them.
/// </summary>
public sealed class ManualTimers(TimeProvider clock) : TimeProvider
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ManualTimer(this, callback, state, dueTime, period);

    private sealed class ManualTimer : ITimer
    {
        private readonly ManualTimers owner;
        private readonly TimerCallback callback;
        private readonly object? state;
        private readonly ITimer poller;
        private readonly Lock sync = new();
        private DateTimeOffset? due;
        private TimeSpan period;

        public ManualTimer(ManualTimers owner, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            this.owner = owner;
            this.callback = callback;
            this.state = state;
            Change(dueTime, period);
            poller = System.CreateTimer(_ => Check(), null, Poll, Poll);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (sync)
            {
                due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime;
                this.period = period;
            }

            return true;
        }

        public void Dispose() => poller.Dispose();

        public ValueTask DisposeAsync() => poller.DisposeAsync();

        private void Check()
        {
            lock (sync)
            {
                if (due is not { } at || owner.GetUtcNow() < at)
                {
                    return;
                }

                due = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : at + period;
            }

            callback(state);
        }
    }
}
