using System.Reflection;
using ActorRisk.Grains.Cards;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>The types Orleans generates serializers for in ActorRisk (found by reflection, so a new one is never missed).</summary>
public static class SerializedTypes
{
    public static IReadOnlyList<Assembly> Assemblies { get; } = [typeof(AuthorizationRequest).Assembly, typeof(CardGrain).Assembly];

    public static Assembly Domain { get; } = typeof(Money).Assembly;

    public static IReadOnlyList<Type> All { get; } =
        [.. Assemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsDefined(typeof(GenerateSerializerAttribute), inherit: false)).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The members Orleans serializes ([Id]), on the type and on its bases.</summary>
    public static IEnumerable<MemberInfo> IdMembers(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        return type.GetProperties(Instance).Cast<MemberInfo>().Concat(type.GetFields(Instance))
            .Where(m => m.IsDefined(typeof(IdAttribute), inherit: true));
    }

    public static Type TypeOf(MemberInfo member) => member switch
    {
        PropertyInfo p => p.PropertyType,
        FieldInfo f => f.FieldType,
        _ => throw new ArgumentOutOfRangeException(nameof(member), member, null),
    };

    public static object? ValueOf(MemberInfo member, object target) => member switch
    {
        PropertyInfo p => p.GetValue(target),
        FieldInfo f => f.GetValue(target),
        _ => throw new ArgumentOutOfRangeException(nameof(member), member, null),
    };
}
