using System.Net;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// How a <see cref="MembershipEntry"/> maps to a row of <c>orleans_membership</c> (migration 007): its key (address,
/// port, generation), its columns as parameters, and the entry read back from a reader.
/// </summary>
internal static class MembershipRow
{
    /// <summary>The entry's columns and its etag, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns =
        "address, port, generation, silo_name, host_name, status, proxy_port, role_name, update_zone, fault_zone, " +
        "start_time, i_am_alive_time, suspecting_silos, suspect_times, etag";

    /// <summary>Adds the silo's key: three parameters, address, port and generation.</summary>
    public static void AddKey(NpgsqlParameterCollection parameters, SiloAddress silo)
    {
        parameters.Add(new NpgsqlParameter<IPAddress> { TypedValue = silo.Endpoint.Address, NpgsqlDbType = NpgsqlDbType.Inet });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Endpoint.Port });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Generation });
    }

    /// <summary>Adds every column but the key and the etag, in the order of <see cref="Columns"/>: eleven parameters.</summary>
    public static void AddValues(NpgsqlParameterCollection parameters, MembershipEntry entry)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.SiloName ?? "" });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.HostName ?? "" });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Status.ToString() });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.ProxyPort });
        parameters.Add(new NpgsqlParameter { Value = (object?)entry.RoleName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.UpdateZone });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.FaultZone });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = AsUtc(entry.StartTime), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = AsUtc(entry.IAmAliveTime), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var votes = entry.SuspectTimes;
        parameters.Add(new NpgsqlParameter
        {
            Value = votes is null ? DBNull.Value : votes.Select(v => v.Item1.ToParsableString()).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        parameters.Add(new NpgsqlParameter
        {
            Value = votes is null ? DBNull.Value : votes.Select(v => AsUtc(v.Item2)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
    }

    /// <summary>The entry and its etag from the reader's columns <paramref name="first"/> onwards, laid out as <see cref="Columns"/>.</summary>
    public static Tuple<MembershipEntry, string> Read(NpgsqlDataReader reader, int first)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(reader.GetFieldValue<IPAddress>(first), reader.GetInt32(first + 1), reader.GetInt32(first + 2)),
            SiloName = reader.GetString(first + 3),
            HostName = reader.GetString(first + 4),
            Status = Enum.Parse<SiloStatus>(reader.GetString(first + 5)),
            ProxyPort = reader.GetInt32(first + 6),
            RoleName = reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7),
            UpdateZone = reader.GetInt32(first + 8),
            FaultZone = reader.GetInt32(first + 9),
            StartTime = reader.GetFieldValue<DateTime>(first + 10),
            IAmAliveTime = reader.GetFieldValue<DateTime>(first + 11),
            SuspectTimes = reader.IsDBNull(first + 12) ? null : Votes(reader.GetFieldValue<string[]>(first + 12), reader.GetFieldValue<DateTime[]>(first + 13)),
        };
        return Tuple.Create(entry, reader.GetString(first + 14));
    }

    // timestamptz takes UTC only; Orleans' times are UTC in practice, but a DateTime's Kind may say Unspecified.
    public static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static List<Tuple<SiloAddress, DateTime>> Votes(string[] silos, DateTime[] times) =>
        [.. silos.Zip(times, (silo, time) => Tuple.Create(SiloAddress.FromParsableString(silo), time))];
}
