using System.Runtime.InteropServices;
using ActorRisk.Backup;
using Azure;

namespace ActorRisk.Silo.Maintenance;

/// <summary>
/// The silo executable's one-shot commands, <c>backup</c> and <c>restore</c> of the Azure Table storage, run instead of
/// the silo when they are the first argument (a scheduled Container Apps job runs the silo's image so). Failures are
/// one line on the error writer, never a stack trace unless --verbose, and never a key or a SAS.
/// </summary>
public static class MaintenanceCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    /// <summary>128 + SIGINT, as a shell reports a command Ctrl+C stopped.</summary>
    public const int Cancelled = 130;

    /// <summary>Whether this command line is a maintenance command: a silo's own arguments are all options.</summary>
    public static bool Handles(IReadOnlyList<string> args) => args is [var first, ..] && MaintenanceArguments.IsCommand(first);

    /// <summary>Runs the command on the console: Ctrl+C and SIGTERM cancel it.</summary>
    public static async Task<int> RunOnConsoleAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await RunAsync(args, Console.Out, Console.Error, cancel.Token);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var command = args.FirstOrDefault() ?? "";
        var verbose = args.Contains("--verbose") || args.Contains("-v");
        try
        {
            var arguments = MaintenanceArguments.Parse(args);
            if (arguments.Help)
            {
                output.WriteLine(MaintenanceUsage.Full);
                return Done;
            }

            var configuration = MaintenanceConfiguration.Build(arguments.Configuration);
            if (arguments.Command == MaintenanceArguments.Backup)
            {
                await BackupCommand.RunAsync(configuration, output, cancellationToken);
            }
            else
            {
                await RestoreCommand.RunAsync(configuration, arguments, output, cancellationToken);
            }

            return Done;
        }
        catch (UsageException exception)
        {
            error.WriteLine($"{command}: {exception.Message}");
            error.WriteLine(MaintenanceUsage.Short);
            return UsageError;
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is OperationCanceledException or AggregateException or RequestFailedException or IOException)
        {
            error.WriteLine(command == MaintenanceArguments.Backup
                ? "backup cancelled: the set it was writing has no manifest, so restore refuses it; delete it."
                : "restore cancelled: the tables hold part of the set; restore it again with --overwrite before starting silos.");
            return Cancelled;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Any failure of storage, identity, files or the set: one line, so a job's log says what to fix.
            error.WriteLine($"{command} failed: {Describe(exception)}{(verbose || exception is BackupException ? "" : " (--verbose shows more)")}");
            if (verbose)
            {
                error.WriteLine(SecretText.Redact(exception.ToString()));
            }

            return Failed;
        }
    }

    private static string Describe(Exception exception)
    {
        var text = exception switch
        {
            BackupException backup => backup.Message,
            RequestFailedException { Status: > 0 } request => $"{FirstLine(request.Message)} (HTTP {request.Status}{(request.ErrorCode is { } code ? $", {code}" : "")})",
            AggregateException { InnerExceptions: [var first, ..] } => $"storage did not answer ({FirstLine(first.Message)})",
            _ => $"{FirstLine(exception.Message)} ({exception.GetType().Name}{(exception.InnerException is { } inner ? $": {FirstLine(inner.GetBaseException().Message)}" : "")})",
        };
        return SecretText.Redact(text);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
