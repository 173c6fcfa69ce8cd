namespace ActorRisk.PortalWatchers;

/// <summary>N browser-less circuits on one page, signed in once (as one browser's tabs share its cookie).</summary>
internal static class CircuitWatchers
{
    public static async Task<int> RunAsync(WatchOptions options, CancellationToken cancellationToken)
    {
        using var session = new PortalSession(options.Url);
        using var log = options.Verbose ? new StderrLoggerProvider() : null;
        await session.SignInAsync(options.User, options.Password, cancellationToken);

        var circuits = new List<CircuitClient>();
        var exitCode = 0;
        try
        {
            for (var i = 1; i <= options.Pages; i++)
            {
                var circuit = new CircuitClient(i, session, log);
                circuits.Add(circuit);
                await circuit.StartAsync(options.Path, cancellationToken);
            }

            foreach (var circuit in circuits)
            {
                circuit.Mark();
            }

            Console.WriteLine($"{circuits.Count} circuits open on {options.Path} (browser-less)");
            try
            {
                await Task.Delay(options.Hold, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
        finally
        {
            foreach (var circuit in circuits)
            {
                Console.WriteLine(circuit.Describe());
            }

            var failed = circuits.Count(c => c.Failure is not null);
            var silent = options.RequireRenders ? circuits.Count(c => c.Failure is null && c.BatchesSinceMark == 0) : 0;
            Console.WriteLine($"{circuits.Count} circuits: {circuits.Sum(c => c.Batches)} render batches, " +
                $"{circuits.Sum(c => c.Bytes) / 1048576.0:0.00} MiB; {failed} closed or failed, {silent} without a render since all were open");
            if (failed > 0 || silent > 0)
            {
                Console.Error.WriteLine(failed > 0
                    ? $"FAILED: {failed} circuit(s) were closed by the server or reported an error"
                    : $"FAILED: {silent} circuit(s) received no render batch after all were open");
                exitCode = 1;
            }

            await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
            Console.WriteLine("closed");
        }

        return exitCode;
    }
}
