namespace ActorRisk.Runtime.Core;

/// <summary>
/// The activations the current request passes through (A calls B calls ...), carried in an AsyncLocal.
/// A call back into an activation already on the chain (A to B to A) runs at once instead of queueing behind
/// the turn that is waiting for it, which would deadlock: Orleans' call-chain reentrancy.
/// </summary>
internal sealed class CallChain
{
    private static readonly AsyncLocal<CallChain?> Current = new();

    private CallChain(Activation activation, CallChain? parent)
    {
        Activation = activation;
        Parent = parent;
    }

    public Activation Activation { get; }

    public CallChain? Parent { get; }

    public static bool Contains(Activation activation)
    {
        for (var link = Current.Value; link is not null; link = link.Parent)
        {
            if (ReferenceEquals(link.Activation, activation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Puts <paramref name="activation"/> on the chain for the rest of the calling async method.</summary>
    public static void Enter(Activation activation) => Current.Value = new CallChain(activation, Current.Value);

    /// <summary>Starts a chain with no caller (timers, reminders and activation start their own).</summary>
    public static void Reset() => Current.Value = null;
}
