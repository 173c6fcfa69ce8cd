namespace ActorRisk.Deployment.Tests;

/// <summary>
/// The one service of azure.yaml as flat keys ("name", "project", "host", "docker.path", "docker.context"): the file
/// is small and plain (two-space indents, no anchors), so a line reader is enough.
/// </summary>
internal static class AzureYaml
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var service = new Dictionary<string, string>(StringComparer.Ordinal);
        var inServices = false;
        var parent = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Split('#')[0].TrimEnd();
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var (key, value) = (line.Trim().Split(':', 2)[0], line.Trim().Split(':', 2)[1].Trim());
            if (indent == 0)
            {
                inServices = key == "services";
            }
            else if (inServices && indent == 2)
            {
                Assert.False(service.ContainsKey("name"), "azure.yaml lists one service, the silo.");
                service["name"] = key;
            }
            else if (inServices && indent == 4)
            {
                parent = key;
                service[key] = value;
            }
            else if (inServices && indent == 6)
            {
                service[$"{parent}.{key}"] = value;
            }
        }

        return service;
    }
}
