namespace ActorRisk.Silo.Maintenance;

/// <summary>A command line or configuration the commands cannot work with: exit code 2, with what to set.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
