using System.Collections.Concurrent;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>The card directory port: keeps every sighting the forwarder hands over; can be made to fail once.</summary>
public sealed class RecordingCardDirectory : ICardDirectoryWriter
{
    private readonly ConcurrentQueue<CardSighting> sightings = new();
    private int failNext;

    public IReadOnlyList<CardSighting> Sightings => [.. sightings];

    /// <summary>The next hand-over fails, as a directory that does not answer would.</summary>
    public void FailNextAdd() => Interlocked.Exchange(ref failNext, 1);

    public Task AddSightingsAsync(IReadOnlyList<CardSighting> sightings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        if (Interlocked.Exchange(ref failNext, 0) == 1)
        {
            throw new TimeoutException("The card directory did not answer (injected).");
        }

        foreach (var sighting in sightings)
        {
            this.sightings.Enqueue(sighting);
        }

        return Task.CompletedTask;
    }
}
