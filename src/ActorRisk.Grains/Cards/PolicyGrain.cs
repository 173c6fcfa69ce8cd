namespace ActorRisk.Grains.Cards;

/// <summary>The policy book grain (see <see cref="IPolicyGrain"/>): one activation for the cluster.</summary>
[GrainType("policy")]
public sealed class PolicyGrain([PersistentState("card-policies")] IPersistentState<PolicyGrainState> state, CardPolicyStore store) : Grain, IPolicyGrain
{
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
        await StateWrites.WriteAsync(this, state, new PolicyGrainState { Book = book });
        store.Replace(book);
        return book;
    }
}
