using ActorRisk.Cli;

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

// Until the silo exists, the product's run command shows the domain at work on sample data.
AnsiConsole.MarkupLine("[bold]ActorRisk[/] - real-time card risk and card-network monitoring (domain demo, no server yet)\n");
CardTestingDemo.Run();
AnsiConsole.WriteLine();
MerchantHistoryDemo.Run();
