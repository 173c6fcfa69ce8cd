namespace ActorRisk.Silo.Hosting;

internal static partial class PortalKeyLog
{
    [LoggerMessage(110, LogLevel.Warning,
        "The portal's data-protection keys are stored unencrypted in the read-model database: {Key}:Path is not set, which only Development allows. " +
        "ASP.NET Core's \"No XML encryptor configured\" warning, when it creates a key, says the same. See docs/operations.md, \"Portal cookie keys\".")]
    public static partial void KeysStoredInClear(ILogger logger, string key);
}
