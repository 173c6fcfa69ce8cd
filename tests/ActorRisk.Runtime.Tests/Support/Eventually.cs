namespace ActorRisk.Runtime.Tests.Support;

/// <summary>Waits for something that happens in the background (a collection, a reminder tick). The time limit is a safety net, not a measurement.</summary>
internal static class Eventually
{
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? SafetyTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? SafetyTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(SafetyTimeout);

    public static Task Within(this Task task) => task.WaitAsync(SafetyTimeout);
}
