namespace ActorRisk.Grains.Cards;

/// <summary>The policy book grain (see <see cref="IPolicyGrain"/>): one activation for the cluster.</summary>
[GrainType("policy")]
public sealed class PolicyGrain(
    [PersistentState("card-policies")] IPersistentState<PolicyGrainState> state,
    CardPolicyStore store,
    TimeProvider clock) : Grain, IPolicyGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        store.Apply(Snapshot);
        return Task.CompletedTask;
    }

    public Task<CardPolicyBook> GetAsync() => Task.FromResult(Current);

    public Task<PolicySnapshot?> GetIfNewerAsync(long revision) =>
        Task.FromResult(state.State.EffectiveRevision > revision ? Snapshot : null);

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

    public async Task LockDownMerchantAsync(string merchantId, DateTimeOffset until)
    {
        ArgumentException.ThrowIfNullOrEmpty(merchantId);
        var now = clock.GetUtcNow();
        var live = state.State.Lockdowns.Where(l => l.Until > now).ToList();
        if (until <= now || live.Any(l => l.MerchantId == merchantId && l.Until >= until))
        {
            return;
        }

        // Ended lockdowns leave with the next write, so the list holds the merchants capped now, not every one ever.
        live.RemoveAll(l => l.MerchantId == merchantId);
        live.Add(new MerchantLockdown(merchantId, until));
        await WriteAsync(state.State with { Lockdowns = [.. live.OrderBy(l => l.MerchantId, StringComparer.Ordinal)] });
    }

    private CardPolicyBook Current => state.State.Book ?? store.ConfiguredBook;

    private PolicySnapshot Snapshot => new(state.State.EffectiveRevision, state.State.Book, state.State.Lockdowns);

    private async Task<CardPolicyBook> StoreAsync(CardPolicyBook book)
    {
        await WriteAsync(state.State with { Book = book });
        return book;
    }

    private async Task WriteAsync(PolicyGrainState next)
    {
        await StateWrites.WriteAsync(this, state, next with { Revision = state.State.EffectiveRevision + 1 });
        store.Apply(Snapshot);
    }
}
