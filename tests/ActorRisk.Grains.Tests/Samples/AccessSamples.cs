using static ActorRisk.Grains.Tests.Samples.DomainSamples;

namespace ActorRisk.Grains.Tests.Samples;

/// <summary>Access messages and state, every serialized field set.</summary>
public static class AccessSamples
{
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static StoredPortalUser User { get; } = new("ana", ["analyst", "operator"], "AQAAAAIAAYagAAAAE-hash", Disabled: true, "admin", At, At + TimeSpan.FromHours(1));

    public static StoredApiKey Key { get; } = new("gateway", Sha256, ["gateway"], "admin", At, "admin2", At + TimeSpan.FromDays(1));

    public static IEnumerable<object> All =>
    [
        User,
        Key,
        new AccessGrainState { Users = [User], ApiKeys = [Key], Revision = 3 },
        new NewPortalUser("ana", ["analyst"], "AQAAAAIAAYagAAAAE-hash", "admin", At),
        new PortalUserRoles("ana", ["operator"]),
        new PortalUserPassword("ana", "AQAAAAIAAYagAAAAE-other", At),
        new PortalUserDisabled("ana", Disabled: true),
        new NewApiKey("gateway", Sha256, ["gateway"], "admin", At),
        new ApiKeyRevocation("gateway", "admin2", At),
    ];
}
