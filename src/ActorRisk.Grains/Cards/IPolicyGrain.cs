namespace ActorRisk.Grains.Cards;

/// <summary>
/// The card policy book as edited by administrators (one grain, key <see cref="PolicyGrain.SingletonKey"/>): stored with the
/// grain state, so edits survive restarts, and applied to the silo's <see cref="CardPolicyStore"/> when saved or
/// when the grain activates.
/// </summary>
public interface IPolicyGrain : IGrainWithStringKey
{
    Task<CardPolicyBook> GetAsync();

    Task<CardPolicyBook> SaveAsync(CardPolicyBook book);
}

/// <summary>The typed reference of <see cref="IPolicyGrain"/>.</summary>
public sealed class PolicyGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IPolicyGrain
{
    private static readonly GrainMethod<IPolicyGrain, NoArgs, CardPolicyBook> Get =
        new(nameof(GetAsync), static (grain, _) => grain.GetAsync(), readOnly: true);

    private static readonly GrainMethod<IPolicyGrain, CardPolicyBook, CardPolicyBook> Save =
        new(nameof(SaveAsync), static (grain, book) => grain.SaveAsync(book));

    public Task<CardPolicyBook> GetAsync() => InvokeAsync(Get);

    public Task<CardPolicyBook> SaveAsync(CardPolicyBook book) => InvokeAsync(Save, book);
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

    public Task<CardPolicyBook> GetAsync() => Task.FromResult(state.State.Book ?? store.Book);

    public async Task<CardPolicyBook> SaveAsync(CardPolicyBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var errors = book.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(book));
        }

        state.State = new PolicyGrainState { Book = book };
        await state.WriteStateAsync();
        store.Replace(book);
        return book;
    }
}
