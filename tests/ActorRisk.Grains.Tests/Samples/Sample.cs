namespace ActorRisk.Grains.Tests.Samples;

/// <summary>Every sample, by a name a test case can carry ("AuthorizationRequest", "AnsweredRequest&lt;Boolean&gt;").</summary>
public static class Sample
{
    private static readonly Lazy<IReadOnlyDictionary<string, object>> ByName = new(() =>
        CardSamples.All.Concat(MerchantSamples.All).Concat(AccessSamples.All).ToDictionary(s => NameOf(s.GetType()), StringComparer.Ordinal));

    public static IEnumerable<string> Names => ByName.Value.Keys.Order(StringComparer.Ordinal);

    public static IEnumerable<object> All => ByName.Value.Values;

    public static object Named(string name) => ByName.Value[name];

    public static string NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var arguments = string.Join(", ", type.GetGenericArguments().Select(NameOf));
        return $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{arguments}>";
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }
}
