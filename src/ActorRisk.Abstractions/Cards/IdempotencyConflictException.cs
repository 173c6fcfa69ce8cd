namespace ActorRisk.Abstractions.Cards;

/// <summary>The same authorization id came back with different details (merchant, amount or other fields).</summary>
[GenerateSerializer, Alias("actorrisk.idempotency-conflict")]
public sealed class IdempotencyConflictException : InvalidOperationException
{
    public IdempotencyConflictException(string authorizationId)
        : base($"Authorization '{authorizationId}' was already decided for a different request (card, merchant, amount or other details differ).")
    {
        AuthorizationId = authorizationId;
    }

    [Id(0)]
    public string AuthorizationId { get; }
}
