namespace ActorRisk.Silo.Maintenance;

/// <summary>
/// A maintenance command line: the command, its flags, and the options that are configuration (<c>--to</c>,
/// <c>--connection-string</c>, <c>--Section:Key value</c>), normalised to <c>--name value</c> pairs for the
/// configuration's command-line source. Anything else is a usage error, so a mistyped option never goes unnoticed.
/// Values are never echoed: they may be connection strings.
/// </summary>
internal sealed record MaintenanceArguments(string Command, bool Help, bool Overwrite, bool Verbose, string? From, IReadOnlyList<string> Configuration)
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    // Environment name, as the host's command line takes it.
    private const string EnvironmentOption = "--environment";

    public static bool IsCommand(string? argument) => argument is Backup or Restore;

    public static MaintenanceArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = args.Count > 0 && IsCommand(args[0]) ? args[0] : throw new UsageException("the first argument is backup or restore.");
        bool help = false, overwrite = false, verbose = false;
        string? from = null;
        var configuration = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var argument = args[i];
            if (!argument.StartsWith('-'))
            {
                throw new UsageException($"argument {i + 1} is not an option (options start with --).");
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? argument : argument[..equals];
            string TakeValue(ref int index)
            {
                if (equals >= 0)
                {
                    return argument[(equals + 1)..];
                }

                if (index + 1 >= args.Count)
                {
                    throw new UsageException($"{name} needs a value.");
                }

                return args[++index];
            }

            switch (name)
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                case "--overwrite" when command == Restore:
                    overwrite = true;
                    break;
                case "--from" when command == Restore:
                    from = TakeValue(ref i);
                    break;
                case "--to" when command == Restore:
                case "--from" or "--overwrite" when command == Backup:
                    throw new UsageException($"{name} is an option of {(command == Backup ? Restore : Backup)}, not {command}.");
                case EnvironmentOption:
                case var known when MaintenanceSettings.SwitchMappings.ContainsKey(known):
                case var key when key.StartsWith("--", StringComparison.Ordinal) && key.Contains(':', StringComparison.Ordinal):
                    configuration.Add(name);
                    configuration.Add(TakeValue(ref i));
                    break;
                default:
                    throw new UsageException($"unknown option {name}.");
            }
        }

        return new(command, help, overwrite, verbose, from, configuration);
    }
}
