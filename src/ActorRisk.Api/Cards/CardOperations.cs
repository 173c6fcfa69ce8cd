using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Api.Cards;

/// <summary>
/// An operator's block or unblock of a card, from the API or the portal: audited before it happens (who, when, why),
/// so no operator action can ever go unrecorded, then carried out by the card grain.
/// </summary>
public sealed class CardOperations(IGrainFactory grains, IAuditLog audit, TimeProvider clock)
{
    public async Task<CardSnapshot> BlockAsync(string cardToken, string reason, string actor, DateTimeOffset? until)
    {
        await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), clock.GetUtcNow(), actor, "card.block", cardToken, reason,
            until is { } u ? $$"""{"until":"{{u:O}}"}""" : null));
        return await grains.GetGrain<ICardGrain>(cardToken).BlockAsync(new CardBlockCommand(reason, actor, until));
    }

    public async Task<CardSnapshot> UnblockAsync(string cardToken, string reason, string actor)
    {
        await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), clock.GetUtcNow(), actor, "card.unblock", cardToken, reason));
        return await grains.GetGrain<ICardGrain>(cardToken).UnblockAsync(new CardBlockCommand(reason, actor));
    }
}
