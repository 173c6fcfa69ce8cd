namespace ActorRisk.Silo.Tests.Support;

/// <summary>Files of the repository the tests check against (documentation that must stay true).</summary>
public static class Repository
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorRisk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ActorRisk.sln) was not found above " + AppContext.BaseDirectory);
    }

    public static Task<string> ReadAsync(params string[] path) => File.ReadAllTextAsync(Path.Combine([Root(), .. path]));
}
