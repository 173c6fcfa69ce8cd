using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>
/// What makes a type immutable here: no public setter but init, every instance field readonly, and no mutable
/// collection (List, Dictionary, HashSet, arrays...) in a field or property. Immutable collections are fine;
/// IReadOnly* and IEnumerable properties are fine when the fields behind them pass. Members declared by the framework
/// (an exception's base class) are not ActorRisk's to judge.
/// </summary>
public static class ImmutabilityRules
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static IEnumerable<string> Violations(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsEnum || type.IsInterface || (type.IsAbstract && type.IsSealed) || typeof(Delegate).IsAssignableFrom(type))
        {
            yield break;
        }

        for (var declaring = type; declaring is not null && declaring.Assembly == type.Assembly; declaring = declaring.BaseType)
        {
            foreach (var field in declaring.GetFields(Declared))
            {
                if (!field.IsInitOnly)
                {
                    yield return $"{type.FullName}: field {field.Name} is not readonly";
                }

                if (IsMutableCollection(field.FieldType, asField: true))
                {
                    yield return $"{type.FullName}: field {field.Name} is a {field.FieldType.Name}, a mutable collection";
                }
            }

            foreach (var property in declaring.GetProperties(Declared).Where(p => p.GetMethod?.IsPublic == true || p.SetMethod?.IsPublic == true))
            {
                if (property.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                {
                    yield return $"{type.FullName}: property {property.Name} has a public setter";
                }

                if (IsMutableCollection(property.PropertyType, asField: false))
                {
                    yield return $"{type.FullName}: property {property.Name} is a {property.PropertyType.Name}, a mutable collection";
                }
            }
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool IsMutableCollection(Type type, bool asField)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            return true;
        }

        if (type.Namespace == typeof(ImmutableArray).Namespace)
        {
            return type.GetGenericArguments().Any(a => IsMutableCollection(a, asField));
        }

        if (type.IsInterface && type.IsGenericType && ReadOnlyViews.Contains(type.GetGenericTypeDefinition()))
        {
            // A read-only view says nothing of what is behind it: a property's backing field is checked on its own, a field is not.
            return asField || type.GetGenericArguments().Any(a => IsMutableCollection(a, asField));
        }

        return type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
    }

    private static readonly HashSet<Type> ReadOnlyViews =
    [
        typeof(IEnumerable<>), typeof(IReadOnlyCollection<>), typeof(IReadOnlyList<>), typeof(IReadOnlyDictionary<,>), typeof(IReadOnlySet<>),
    ];
}
