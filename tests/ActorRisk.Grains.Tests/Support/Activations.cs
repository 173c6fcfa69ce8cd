using Orleans.Core.Internal;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>Grain activations in the test cluster: which one serves a grain, and deactivating it on request.</summary>
public static class Activations
{
    public static ActivationId? Current(this ClusterFixture fixture, IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(grain);
        return fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.ActivationId : null;
    }

    /// <summary>Deactivates the grain through Orleans' management extension (a call, as an operator's tool would) and waits until it is gone.</summary>
    public static async Task DeactivateAsync(this ClusterFixture fixture, IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(grain);
        Assert.NotNull(fixture.Current(grain));
        var deactivated = fixture.Cluster.WaitForDeactivationAsync(grain);
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await deactivated.WaitAsync(Eventually.DefaultDeadline);
        Assert.Null(fixture.Current(grain));
    }
}
