namespace ActorRisk.Runtime.Abstractions;

/// <summary>Implemented by grains that register durable reminders.</summary>
public interface IRemindable
{
    /// <summary>Called as a turn when a reminder is due. <paramref name="status"/> says when it was due and when it ran.</summary>
    Task ReceiveReminder(string reminderName, ReminderTick status);
}

public sealed record ReminderTick(DateTimeOffset DueAt, DateTimeOffset FiredAt, TimeSpan Period);
