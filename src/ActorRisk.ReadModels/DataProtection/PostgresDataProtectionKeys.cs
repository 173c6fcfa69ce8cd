using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ActorRisk.ReadModels.DataProtection;

/// <summary>
/// The data protection key ring in PostgreSQL (table data_protection_keys, migration 106). ASP.NET Core calls it
/// synchronously and rarely: at start, and when it creates a key (every 90 days by default).
/// </summary>
internal sealed class PostgresDataProtectionKeys(ReadModelDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        using var command = database.DataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureTable();

        // Two silos creating a key at once both keep theirs: each has its own id, and the ring holds both.
        using var command = database.DataSource.CreateCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = friendlyName });
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }

    // Data protection may load the ring before the silo's start-up migration has run; migrating is idempotent.
    private void EnsureTable() => database.EnsureMigratedAsync().GetAwaiter().GetResult();
}
