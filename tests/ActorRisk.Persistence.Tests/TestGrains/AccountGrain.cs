using Orleans.Timers;

namespace ActorRisk.Persistence.Tests.TestGrains;

/// <summary>A grain that keeps an <see cref="AccountState"/> in the storage named "accounts", as product grains do.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    Task<long> DepositAsync(long amount);

    Task<long> BalanceAsync();

    Task<string?> EtagAsync();

    Task CloseAsync();

    Task StartRemindingAsync();

    Task StopRemindingAsync();

    Task DeactivateAsync();
}

public sealed class AccountGrain(
    [PersistentState("account", "accounts")] IPersistentState<AccountState> state,
    IReminderRegistry reminders) : Grain, IAccountGrain, IRemindable
{
    private const string Reminder = "statement";

    public async Task<long> DepositAsync(long amount)
    {
        state.State.Balance += amount;
        state.State.Entries.Add($"deposit {amount}");
        await state.WriteStateAsync();
        return state.State.Balance;
    }

    public Task<long> BalanceAsync() => Task.FromResult(state.State.Balance);

    public Task<string?> EtagAsync() => Task.FromResult(state.RecordExists ? state.Etag : null);

    public Task CloseAsync() => state.ClearStateAsync();

    public Task StartRemindingAsync() => reminders.RegisterOrUpdateReminder(this.GetGrainId(), Reminder, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task StopRemindingAsync()
    {
        var reminder = await reminders.GetReminder(this.GetGrainId(), Reminder);
        if (reminder is not null)
        {
            await reminders.UnregisterReminder(this.GetGrainId(), reminder);
        }
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
