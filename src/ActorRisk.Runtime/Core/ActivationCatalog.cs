namespace ActorRisk.Runtime.Core;

/// <summary>The activations of this silo, one per grain id at most.</summary>
internal sealed class ActivationCatalog(GrainRuntime runtime, GrainTypeRegistry registry)
{
    private readonly ConcurrentDictionary<GrainId, Activation> activations = new();

    public int Count => activations.Count;

    // Enumerating the dictionary takes no locks; its Values property takes all of them, stalling every call that
    // activates a grain while a snapshot of a large catalog is copied.
    public IReadOnlyCollection<Activation> All => [.. activations.Select(entry => entry.Value)];

    public Activation GetOrCreate(GrainId grainId)
    {
        if (!activations.TryGetValue(grainId, out var activation))
        {
            var registration = registry.ForType(grainId.Type);
            activation = activations.GetOrAdd(grainId, static (id, state) => new Activation(state.runtime, state.registration, id), (runtime, registration));
        }

        activation.EnsureStarted();
        return activation;
    }

    public bool TryGet(GrainId grainId, out Activation? activation) => activations.TryGetValue(grainId, out activation);

    /// <summary>Removes exactly this activation (a newer one for the same id stays).</summary>
    public void Remove(Activation activation) =>
        activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));
}
