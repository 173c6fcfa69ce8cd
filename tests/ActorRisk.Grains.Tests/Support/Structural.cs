using System.Collections;
using System.Reflection;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>
/// Equality by content. Records compare ImmutableArray members by reference, so a round-tripped value is never
/// record-equal to its original: this walks public properties, sequences and dictionaries instead, and names the
/// first difference.
/// </summary>
public static class Structural
{
    private const int MaxDepth = 40;

    public static void AssertEqual(object? expected, object? actual)
    {
        if (FirstDifference(expected, actual, "$", 0) is { } difference)
        {
            Assert.Fail(difference);
        }
    }

    public static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || typeof(Type).IsAssignableFrom(type);

    private static string? FirstDifference(object? expected, object? actual, string path, int depth)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        var type = expected.GetType();
        if (actual.GetType() != type)
        {
            return $"{path}: expected a {type.Name}, got a {actual.GetType().Name}";
        }

        if (depth > MaxDepth)
        {
            return $"{path}: deeper than {MaxDepth} levels (a cycle?)";
        }

        if (IsLeaf(type))
        {
            return expected.Equals(actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        // A default ImmutableArray cannot be enumerated; default and empty are different values.
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var (expectedDefault, actualDefault) = (IsDefaultArray(expected), IsDefaultArray(actual));
            if (expectedDefault || actualDefault)
            {
                return expectedDefault == actualDefault ? null : $"{path}: expected IsDefault {expectedDefault}, got {actualDefault}";
            }
        }

        return expected switch
        {
            Exception exception => ExceptionDifference(exception, (Exception)actual, path, depth),
            IDictionary dictionary => DictionaryDifference(dictionary, (IDictionary)actual, path, depth),
            IEnumerable sequence => SequenceDifference(sequence, (IEnumerable)actual, path, depth),
            _ => PropertiesDifference(type.GetProperties(BindingFlags.Instance | BindingFlags.Public), expected, actual, path, depth),
        };
    }

    private static bool IsDefaultArray(object array) => (bool)array.GetType().GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(array)!;

    private static string? SequenceDifference(IEnumerable expected, IEnumerable actual, string path, int depth)
    {
        var left = expected.Cast<object?>().ToList();
        var right = actual.Cast<object?>().ToList();
        if (left.Count != right.Count)
        {
            return $"{path}: expected {left.Count} items, got {right.Count}";
        }

        return left.Select((item, i) => FirstDifference(item, right[i], $"{path}[{i}]", depth + 1)).FirstOrDefault(d => d is not null);
    }

    private static string? DictionaryDifference(IDictionary expected, IDictionary actual, string path, int depth)
    {
        if (expected.Count != actual.Count)
        {
            return $"{path}: expected {expected.Count} entries, got {actual.Count}";
        }

        foreach (DictionaryEntry entry in expected)
        {
            if (!actual.Contains(entry.Key))
            {
                return $"{path}: key {entry.Key} is missing";
            }

            if (FirstDifference(entry.Value, actual[entry.Key], $"{path}[{entry.Key}]", depth + 1) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    // An exception's own properties and message; the runtime's (stack trace, target site) are not content.
    private static string? ExceptionDifference(Exception expected, Exception actual, string path, int depth)
    {
        if (expected.Message != actual.Message)
        {
            return $"{path}.Message: expected {Show(expected.Message)}, got {Show(actual.Message)}";
        }

        var own = expected.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.DeclaringType?.Namespace?.StartsWith("System", StringComparison.Ordinal) == false);
        return PropertiesDifference(own, expected, actual, path, depth);
    }

    private static string? PropertiesDifference(IEnumerable<PropertyInfo> properties, object expected, object actual, string path, int depth)
    {
        foreach (var property in properties.Where(p => p.GetIndexParameters().Length == 0))
        {
            if (FirstDifference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", depth + 1) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
