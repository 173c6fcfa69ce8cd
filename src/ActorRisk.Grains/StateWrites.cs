namespace ActorRisk.Grains;

/// <summary>How ActorRisk's grains write state.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Sets and writes <paramref name="next"/>. If the write fails, State goes back to what it was and the activation
    /// is deactivated after this call: storage may hold the old state (memory would be ahead of it), the new one (the
    /// write committed but its answer was lost), or a newer one (InconsistentStateException: another activation wrote
    /// it). The next call reloads what storage holds, so no change is built on one storage never confirmed.
    /// </summary>
    public static async Task WriteAsync<TState>(IGrainBase grain, IPersistentState<TState> state, TState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
