using System.Globalization;
using System.Reflection;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// One versioned SQL script. Versions are unique across components sharing a database: this storage uses 1-99,
/// the product 100 and up. The name is recorded with the version, so a clash between components is caught.
/// </summary>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>Reads embedded resources named {prefix}NNN_name.sql from <paramref name="assembly"/>, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> FromEmbeddedResources(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new SchemaMigration(int.Parse(file[..3], CultureInfo.InvariantCulture), file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)];
    }
}
