using System.Collections.Concurrent;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>The card directory port: keeps every sighting the forwarder hands over.</summary>
public sealed class RecordingCardDirectory : ICardDirectoryWriter
{
    private readonly ConcurrentQueue<CardSighting> sightings = new();

    public IReadOnlyList<CardSighting> Sightings => [.. sightings];

    public Task AddSightingsAsync(IReadOnlyList<CardSighting> sightings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        foreach (var sighting in sightings)
        {
            this.sightings.Enqueue(sighting);
        }

        return Task.CompletedTask;
    }
}
