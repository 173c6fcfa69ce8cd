using System.Collections.Frozen;

namespace ActorRisk.Runtime.Core;

/// <summary>Registered grain types, by interface (for references) and by type name (for activations).</summary>
public sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<Type, GrainRegistration> byInterface;
    private readonly FrozenDictionary<string, GrainRegistration> byTypeName;

    public GrainTypeRegistry(IEnumerable<GrainRegistration> registrations)
    {
        var list = registrations.ToList();
        foreach (var duplicate in list.GroupBy(r => r.TypeName).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"Grain type name '{duplicate.Key}' is registered twice.");
        }

        foreach (var duplicate in list.GroupBy(r => r.InterfaceType).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"Grain interface {duplicate.Key.Name} is registered twice.");
        }

        byInterface = list.ToFrozenDictionary(r => r.InterfaceType);
        byTypeName = list.ToFrozenDictionary(r => r.TypeName, StringComparer.Ordinal);
    }

    public IEnumerable<GrainRegistration> All => byTypeName.Values;

    public GrainRegistration ForInterface(Type interfaceType) =>
        byInterface.TryGetValue(interfaceType, out var registration)
            ? registration
            : throw new InvalidOperationException($"No grain is registered for {interfaceType.Name}; call AddGrain<{interfaceType.Name}, ...>().");

    public GrainRegistration ForType(string typeName) =>
        byTypeName.TryGetValue(typeName, out var registration)
            ? registration
            : throw new InvalidOperationException($"No grain type '{typeName}' is registered.");
}
