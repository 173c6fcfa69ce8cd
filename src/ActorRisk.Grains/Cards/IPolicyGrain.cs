namespace ActorRisk.Grains.Cards;

/// <summary>
/// The card policy book as edited by administrators (one grain, key <see cref="PolicyGrain.SingletonKey"/>): stored with the
/// grain state, so edits survive restarts, and applied to the silo's <see cref="CardPolicyStore"/> when saved or
/// when the grain activates.
/// </summary>
public interface IPolicyGrain : IGrainWithStringKey
{
    Task<CardPolicyBook> GetAsync();

    /// <summary>Replaces the velocity policies (default and overrides); the book's suspensions are kept as stored.</summary>
    Task<CardPolicyBook> SaveAsync(CardPolicyBook book);

    /// <summary>Suspends a merchant (or updates its suspension's reason): applies at once to every authorization there.</summary>
    Task<CardPolicyBook> SuspendMerchantAsync(MerchantSuspensionCommand command);

    /// <summary>Lifts a merchant's suspension; nothing happens for a merchant that is not suspended.</summary>
    Task<CardPolicyBook> ReinstateMerchantAsync(string merchantId);
}

/// <summary>Suspend one merchant, with who and why.</summary>
public sealed record MerchantSuspensionCommand(string MerchantId, MerchantSuspension Suspension);

/// <summary>The typed reference of <see cref="IPolicyGrain"/>.</summary>
public sealed class PolicyGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IPolicyGrain
{
    private static readonly GrainMethod<IPolicyGrain, NoArgs, CardPolicyBook> Get =
        new(nameof(GetAsync), static (grain, _) => grain.GetAsync(), readOnly: true);

    private static readonly GrainMethod<IPolicyGrain, CardPolicyBook, CardPolicyBook> Save =
        new(nameof(SaveAsync), static (grain, book) => grain.SaveAsync(book));

    private static readonly GrainMethod<IPolicyGrain, MerchantSuspensionCommand, CardPolicyBook> Suspend =
        new(nameof(SuspendMerchantAsync), static (grain, command) => grain.SuspendMerchantAsync(command));

    private static readonly GrainMethod<IPolicyGrain, string, CardPolicyBook> Reinstate =
        new(nameof(ReinstateMerchantAsync), static (grain, merchantId) => grain.ReinstateMerchantAsync(merchantId));

    public Task<CardPolicyBook> GetAsync() => InvokeAsync(Get);

    public Task<CardPolicyBook> SaveAsync(CardPolicyBook book) => InvokeAsync(Save, book);

    public Task<CardPolicyBook> SuspendMerchantAsync(MerchantSuspensionCommand command) => InvokeAsync(Suspend, command);

    public Task<CardPolicyBook> ReinstateMerchantAsync(string merchantId) => InvokeAsync(Reinstate, merchantId);
}

/// <summary>What the policy grain stores: the edited book, or nothing while the configured one applies.</summary>
public sealed record PolicyGrainState
{
    public CardPolicyBook? Book { get; init; }
}

public sealed class PolicyGrain([PersistentState("card-policies")] IPersistentState<PolicyGrainState> state, CardPolicyStore store) : Grain, IPolicyGrain
{
    public const string SingletonKey = "card-policies";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Book is { } book)
        {
            store.Replace(book);
        }

        return Task.CompletedTask;
    }

    public Task<CardPolicyBook> GetAsync() => Task.FromResult(Current);

    public async Task<CardPolicyBook> SaveAsync(CardPolicyBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var errors = book.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(book));
        }

        // Suspensions have their own operations: an editor's copy of the book must not undo one made meanwhile.
        return await StoreAsync(book with { Suspensions = Current.Suspensions });
    }

    public Task<CardPolicyBook> SuspendMerchantAsync(MerchantSuspensionCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return StoreAsync(Current.WithSuspension(command.MerchantId, command.Suspension));
    }

    public Task<CardPolicyBook> ReinstateMerchantAsync(string merchantId)
    {
        var current = Current;
        var next = current.WithoutSuspension(merchantId);
        return ReferenceEquals(next, current) ? Task.FromResult(current) : StoreAsync(next);
    }

    private CardPolicyBook Current => state.State.Book ?? store.Book;

    private async Task<CardPolicyBook> StoreAsync(CardPolicyBook book)
    {
        state.State = new PolicyGrainState { Book = book };
        await state.WriteStateAsync();
        store.Replace(book);
        return book;
    }
}
