using System.Text.Json;
using ActorRisk.Abstractions.Serialization;
using ActorRisk.Grains.Tests.Samples;
using Orleans.Serialization;

namespace ActorRisk.Grains.Tests.Serialization;

/// <summary>
/// Domain values have no generated codecs (the domain knows nothing of Orleans): they travel as ActorRisk's JSON through
/// Orleans' System.Text.Json codec, set up by AddActorRiskSerialization.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class DomainCodecTests(ClusterFixture fixture)
{
    /// <summary>
    /// The numbers of the domain enums that cross a grain boundary. Orleans writes an enum as its number (its own enum
    /// codec comes before the JSON codec), so a member moved or inserted would be read as another by a silo of the
    /// previous version: append members, never reorder. Stored state writes names and is not affected.
    /// </summary>
    private static readonly Dictionary<string, string> EnumNumbers = new()
    {
        ["CardNetwork"] = "Visa=0 Mastercard=1",
        ["CardType"] = "Unknown=0 Credit=1 Debit=2 Prepaid=3",
        ["MetricKind"] = "DisputeCountRatio=0 FraudAmountRatio=1 VampCountRatio=2 ChargebackPreviousMonthRatio=3 FraudChargebackPreviousMonthRatio=4 EnumerationRatio=5",
        ["MonitoringProgram"] = "VDMP=0 VFMP=1 VAMP=2 VAMPEnumeration=3 ECM=4 EFM=5",
        ["ProgramStatus"] = "NotInProgram=0 EarlyWarning=1 Enforcement=2 ExitWindow=3 Exited=4",
        ["ProgramTransition"] = "None=0 Entered=1 Continued=2 Resumed=3 WentBelow=4 Exited=5 Retired=6",
        ["RiskAction"] = "Approve=0 Review=1 Challenge=2 Decline=3",
        ["VelocityMetric"] = "Attempts=0 SmallAuthorizations=1 IssuerDeclines=2 DistinctMerchants=3",
        ["WarningLevel"] = "None=0 Approaching=1 ProjectedOver=2 Over=3",
    };

    public static TheoryData<string> DomainTypes() => Names(DomainReach.Types);

    public static TheoryData<string> DomainRecords() => Names(DomainReach.Types.Where(t => !t.IsEnum));

    public static TheoryData<string> DomainEnums() => Names(DomainReach.Types.Where(t => t.IsEnum));

    /// <summary>The samples with a domain value among their serialized fields.</summary>
    public static TheoryData<string> MessagesWithDomainValues()
    {
        var data = new TheoryData<string>();
        foreach (var name in Sample.Names.Where(n => DomainValuesIn(Sample.Named(n)).Count > 0))
        {
            data.Add(name);
        }

        return data;
    }

    private Serializer Serializer => fixture.Silo.GetRequiredService<Serializer>();

    [Fact]
    public void EveryDomainTypeThatCrossesAGrainBoundaryHasAValueInTheSamples()
    {
        var sampled = DomainReach.ValuesIn(Sample.All).Select(v => v.GetType()).ToHashSet();

        Assert.Empty(DomainReach.Types.Where(t => !sampled.Contains(t)).Select(t => t.FullName));
    }

    [Theory]
    [MemberData(nameof(DomainRecords))]
    public void DomainValueRoundTripsAsActorRiskJson(string typeName)
    {
        var value = DomainReach.ValuesIn(Sample.All).First(v => v.GetType().Name == typeName);

        var bytes = Serializer.SerializeToArray<object>(value);

        Assert.True(Contains(bytes, ActorRiskJsonOf(value)), $"The wire form of {typeName} does not hold its ActorRisk JSON.");
        Structural.AssertEqual(value, Serializer.Deserialize<object>(bytes));
    }

    [Theory]
    [MemberData(nameof(DomainEnums))]
    public void DomainEnumRoundTripsByItsNumber(string typeName)
    {
        var type = DomainReach.Types.Single(t => t.Name == typeName);
        var numbers = string.Join(' ', Enum.GetValues(type).Cast<object>().Select(v => $"{v}={Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)}"));

        Assert.Equal(EnumNumbers.GetValueOrDefault(typeName, "(not pinned yet)"), numbers);
        Assert.All(Enum.GetValues(type).Cast<object>(), v => Assert.Equal(v, Wire.RoundTrip(Serializer, v)));
    }

    [Theory]
    [MemberData(nameof(MessagesWithDomainValues))]
    public void DomainValuesInAMessageTravelAsActorRiskJson(string name)
    {
        var message = Sample.Named(name);

        var bytes = Serializer.SerializeToArray<object>(message);

        Assert.All(DomainValuesIn(message), value => Assert.True(Contains(bytes, ActorRiskJsonOf(value)), $"{name} does not carry its {value.GetType().Name} as ActorRisk JSON."));
    }

    [Fact]
    public void DomainJsonIsCamelCaseWithEnumNames()
    {
        var json = System.Text.Encoding.UTF8.GetString(ActorRiskJsonOf(DomainSamples.Authorization));

        Assert.Contains("\"merchantId\":\"m-1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"cardType\":\"Prepaid\"", json, StringComparison.Ordinal);
        Assert.Contains("\"amount\":{\"amount\":50,\"currency\":\"EUR\"}", json, StringComparison.Ordinal);
    }

    // The domain values a message's own fields hold (directly or as the items of an array field).
    private static List<object> DomainValuesIn(object message) =>
        [.. SerializedTypes.IdMembers(message.GetType())
            .Select(m => SerializedTypes.ValueOf(m, message))
            .SelectMany(v => v is System.Collections.IEnumerable items and not string ? items.Cast<object?>() : [v])
            .OfType<object>()
            .Where(v => v.GetType().Assembly == SerializedTypes.Domain && !v.GetType().IsEnum)];

    private static TheoryData<string> Names(IEnumerable<Type> types)
    {
        var data = new TheoryData<string>();
        foreach (var type in types.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type.Name);
        }

        return data;
    }

    private static byte[] ActorRiskJsonOf(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ActorRiskJson.Options);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
