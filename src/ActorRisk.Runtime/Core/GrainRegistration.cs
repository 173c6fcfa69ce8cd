using System.Reflection;
using ActorRisk.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Core;

/// <summary>
/// One registered grain type: its interface, implementation, type name (the first part of a GrainId and of
/// storage rows, so never rename it), reference factory and collection age. Constructor analysis happens once,
/// here; creating an activation does no reflection beyond one compiled factory call.
/// </summary>
public sealed class GrainRegistration
{
    private readonly ObjectFactory factory;
    private readonly StateParameter[] stateParameters;

    internal GrainRegistration(string typeName, Type interfaceType, Type grainClass, Func<IGrainCallInvoker, GrainId, object> referenceFactory, TimeSpan? collectionAge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        if (typeName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A grain type name cannot contain '/'.", nameof(typeName));
        }

        if (!interfaceType.IsAssignableFrom(grainClass) || !typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract)
        {
            throw new ArgumentException($"{grainClass.Name} must be a concrete Grain implementing {interfaceType.Name}.", nameof(grainClass));
        }

        TypeName = typeName;
        InterfaceType = interfaceType;
        GrainClass = grainClass;
        ReferenceFactory = referenceFactory;
        CollectionAge = collectionAge;

        var constructor = grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{grainClass.Name} has no public constructor.", nameof(grainClass));
        stateParameters = [.. constructor.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => StateParameter.For(p.Parameter, p.Attribute!))];
        factory = ActivatorUtilities.CreateFactory(grainClass, [.. stateParameters.Select(s => s.ParameterType)]);
    }

    public string TypeName { get; }

    public Type InterfaceType { get; }

    public Type GrainClass { get; }

    public TimeSpan? CollectionAge { get; }

    public IEnumerable<string> StorageNames => stateParameters.Select(s => s.StorageName).Distinct();

    internal Func<IGrainCallInvoker, GrainId, object> ReferenceFactory { get; }

    internal (Grain Grain, IActivationState[] States) Create(IServiceProvider services, GrainId grainId, Action<DeactivationReason> onInconsistentState)
    {
        var states = new IActivationState[stateParameters.Length];
        var arguments = new object[stateParameters.Length];
        for (var i = 0; i < stateParameters.Length; i++)
        {
            var state = stateParameters[i].Create(services, grainId, onInconsistentState);
            states[i] = state;
            arguments[i] = state;
        }

        return ((Grain)factory(services, arguments), states);
    }

    private sealed class StateParameter
    {
        private static readonly MethodInfo CreateMethod = typeof(StateParameter).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

        public required Type ParameterType { get; init; }

        public required string StateName { get; init; }

        public required string StorageName { get; init; }

        public required Func<IServiceProvider, GrainId, string, string, Action<DeactivationReason>, IActivationState> Factory { get; init; }

        public static StateParameter For(ParameterInfo parameter, PersistentStateAttribute attribute)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new ArgumentException($"[PersistentState] parameter '{parameter.Name}' must be an IPersistentState<T>.");
            }

            var method = CreateMethod.MakeGenericMethod(type.GetGenericArguments()[0]);
            return new StateParameter
            {
                ParameterType = type,
                StateName = attribute.StateName,
                StorageName = attribute.StorageName,
                Factory = method.CreateDelegate<Func<IServiceProvider, GrainId, string, string, Action<DeactivationReason>, IActivationState>>(),
            };
        }

        public IActivationState Create(IServiceProvider services, GrainId grainId, Action<DeactivationReason> onInconsistentState) =>
            Factory(services, grainId, StateName, StorageName, onInconsistentState);

        private static PersistentState<TState> CreateState<TState>(IServiceProvider services, GrainId grainId, string stateName, string storageName, Action<DeactivationReason> onInconsistentState) =>
            new PersistentState<TState>(
                grainId,
                stateName,
                storageName,
                services.GetRequiredKeyedService<IGrainStorage>(storageName),
                services.GetRequiredService<GrainStateSerializer>(),
                services.GetService<IStateUpgrader<TState>>(),
                onInconsistentState);
    }
}
