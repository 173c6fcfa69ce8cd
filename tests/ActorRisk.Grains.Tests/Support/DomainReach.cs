using System.Collections;
using System.Reflection;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>
/// Which domain types cross a grain boundary: those reachable from the serialized messages and states and from grain
/// interface signatures, through their public properties (what System.Text.Json writes) and generic arguments.
/// </summary>
public static class DomainReach
{
    public static IReadOnlySet<Type> Types { get; } = Reachable();

    /// <summary>The domain values inside <paramref name="roots"/>, found by walking their properties, sequences and dictionaries.</summary>
    public static IEnumerable<object> ValuesIn(IEnumerable<object> roots)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>(roots);
        while (pending.TryPop(out var value))
        {
            var type = value.GetType();
            if ((!type.IsValueType && !seen.Add(value)) || Structural.IsLeaf(type) && !type.IsEnum)
            {
                continue;
            }

            if (type.Assembly == SerializedTypes.Domain)
            {
                yield return value;
            }

            if (type.IsEnum || value is Exception)
            {
                continue;
            }

            foreach (var child in Children(value))
            {
                pending.Push(child);
            }
        }
    }

    private static IEnumerable<object> Children(object value)
    {
        if (value is IDictionary dictionary)
        {
            return dictionary.Keys.Cast<object?>().Concat(dictionary.Values.Cast<object?>()).OfType<object>();
        }

        if (value is IEnumerable items)
        {
            var type = value.GetType();
            var isDefault = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
                && (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!;
            return isDefault ? [] : items.Cast<object?>().OfType<object>();
        }

        return value.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => p.GetValue(value))
            .OfType<object>();
    }

    private static HashSet<Type> Reachable()
    {
        var roots = SerializedTypes.All.SelectMany(t => SerializedTypes.IdMembers(t).Select(SerializedTypes.TypeOf))
            .Concat(GrainInterfaces.SelectMany(i => i.GetMethods()).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
        var found = new HashSet<Type>();
        var visited = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (type.IsGenericParameter || !visited.Add(type))
            {
                continue;
            }

            if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }

            if (type.Assembly != SerializedTypes.Domain)
            {
                continue;
            }

            found.Add(type);
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                pending.Push(property.PropertyType);
            }
        }

        return found;
    }

    public static IEnumerable<Type> GrainInterfaces =>
        SerializedTypes.Assemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t));
}
