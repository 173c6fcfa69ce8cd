namespace ActorRisk.Grains.Forwarding;

/// <summary>
/// One per silo (a stateless worker is always local to its caller): hands over what this silo's card grains gathered
/// in memory. Every silo starts its own at start-up (<see cref="ForwarderStartup"/>).
/// </summary>
[Alias("actorrisk.forwarder")]
public interface IForwarderGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the forwarder; its timers then run until the silo stops.</summary>
    [Alias("start")]
    Task StartAsync();
}
