using System.Collections;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>Which serialized fields of a sample hold their type's default: a round trip cannot show that such a field is lost.</summary>
public static class SampleFields
{
    public static IEnumerable<string> LeftAtDefault(object sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample is Enum)
        {
            return IsDefault(sample) ? ["(the zero member)"] : [];
        }

        return SerializedTypes.IdMembers(sample.GetType()).Where(m => IsDefault(SerializedTypes.ValueOf(m, sample))).Select(m => m.Name);
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        Enum member => Convert.ToInt64(member, System.Globalization.CultureInfo.InvariantCulture) == 0,
        IEnumerable items when value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) =>
            (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)! || !items.Cast<object>().Any(),
        IEnumerable items and not string => !items.Cast<object>().Any(),
        _ when value.GetType().IsValueType => value.Equals(Activator.CreateInstance(value.GetType())),
        _ => false,
    };
}
