namespace ActorRisk.Persistence.Tests.Support;

internal static class TaskTimeouts
{
    /// <summary>Fails a test that would otherwise hang (a lost completion in a batching queue, say).</summary>
    public static Task Within(this Task task, int seconds = 120) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public static Task<T> Within<T>(this Task<T> task, int seconds = 120) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
