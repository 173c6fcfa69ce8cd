namespace ActorRisk.Backup;

/// <summary>A backup or restore that must not go on (an incomplete or altered set, a target already holding data), with a message for the operator.</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
