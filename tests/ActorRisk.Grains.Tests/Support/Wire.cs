using System.Reflection;
using Orleans.Serialization;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>Round trips through Orleans' serializer with the value's own type declared, as when it is a message's field or argument.</summary>
public static class Wire
{
    private static readonly MethodInfo Typed = typeof(Wire).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static object? RoundTrip(Serializer serializer, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return Typed.MakeGenericMethod(value.GetType()).Invoke(null, [serializer, value]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            throw inner;
        }
    }

    private static T? RoundTrip<T>(Serializer serializer, T value) => serializer.Deserialize<T>(serializer.SerializeToArray(value));
}
