using System.Collections.Concurrent;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>Where a failing write lands: before storage has it (lost) or after (stored, but its answer lost).</summary>
public enum WriteFault
{
    BeforeStoring,
    AfterStoring,
}

/// <summary>Write failures armed by a test, each for one grain's next write (a silo singleton).</summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<GrainId, WriteFault> armed = new();

    public void FailNextWrite(GrainId grain, WriteFault fault) => armed[grain] = fault;

    internal WriteFault? Take(GrainId grain) => armed.TryRemove(grain, out var fault) ? fault : null;
}

/// <summary>The failure a faulty storage throws, so a test can tell it from any other (serializable: it reaches the client).</summary>
[GenerateSerializer, Alias("actorrisk.tests.injected-storage-fault")]
public sealed class InjectedStorageFaultException(string message) : IOException(message);
