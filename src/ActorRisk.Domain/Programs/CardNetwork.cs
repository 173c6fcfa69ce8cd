namespace ActorRisk.Domain.Programs;

public enum CardNetwork
{
    Visa,
    Mastercard,
}
