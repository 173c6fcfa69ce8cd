namespace ActorRisk.Runtime.Tests.Grains;

public sealed record LedgerState
{
    public long Balance { get; init; }

    /// <summary>Every request this grain applied, in order ("scope:id").</summary>
    public IReadOnlyList<string> Requests { get; init; } = [];
}

/// <summary>The answer recorded with a request: which grain gave it and the balance it reached.</summary>
public sealed record LedgerAnswer(string Grain, long Amount, long Balance);

public sealed record LedgerRequest(RequestId Id, long Amount);

/// <summary>The grain's in-memory state and ETag as seen after a call.</summary>
public sealed record LedgerView(long Balance, IReadOnlyList<string> Requests, string? Etag);

public sealed record LedgerApplied(RequestResult<LedgerAnswer> Result, LedgerView After);

/// <summary>A grain that applies requests exactly once through the request ledger.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Adds the amount in memory, then writes it tied to the request id; returns the outcome and the state after it.</summary>
    Task<LedgerApplied> ApplyAsync(LedgerRequest request);

    /// <summary>Adds the amount and writes it without a request id.</summary>
    Task<LedgerView> AddAsync(long amount);

    Task<LedgerView> GetAsync();
}

public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerGrain
{
    public async Task<LedgerApplied> ApplyAsync(LedgerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var balance = state.State.Balance + request.Amount;
        state.State = state.State with { Balance = balance, Requests = [.. state.State.Requests, request.Id.ToString()] };
        var result = await state.WriteStateAsync(request.Id, new LedgerAnswer(Key, request.Amount, balance));
        return new LedgerApplied(result, View());
    }

    public async Task<LedgerView> AddAsync(long amount)
    {
        state.State = state.State with { Balance = state.State.Balance + amount };
        await state.WriteStateAsync();
        return View();
    }

    public Task<LedgerView> GetAsync() => Task.FromResult(View());

    private LedgerView View() => new(state.State.Balance, state.State.Requests, state.Etag);
}

public sealed class LedgerGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), ILedgerGrain
{
    private static readonly GrainMethod<ILedgerGrain, LedgerRequest, LedgerApplied> Apply = new(nameof(ApplyAsync), static (g, r) => g.ApplyAsync(r));

    private static readonly GrainMethod<ILedgerGrain, long, LedgerView> Add = new(nameof(AddAsync), static (g, a) => g.AddAsync(a));

    private static readonly GrainMethod<ILedgerGrain, NoArgs, LedgerView> Get = new(nameof(GetAsync), static (g, _) => g.GetAsync(), readOnly: true);

    public Task<LedgerApplied> ApplyAsync(LedgerRequest request) => InvokeAsync(Apply, request);

    public Task<LedgerView> AddAsync(long amount) => InvokeAsync(Add, amount);

    public Task<LedgerView> GetAsync() => InvokeAsync(Get);
}
