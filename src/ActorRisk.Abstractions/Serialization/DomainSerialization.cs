using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace ActorRisk.Abstractions.Serialization;

/// <summary>
/// How Orleans carries ActorRisk.Domain's values. The domain stays free of Orleans (no attributes, no package), so its
/// records have no generated codecs: Orleans' System.Text.Json codec serializes them between silos in the shape of
/// <see cref="ActorRiskJson"/>, and inside a silo they are passed by reference, never copied, because every domain
/// value is an immutable record (checked by a test over the whole assembly).
/// </summary>
public static class DomainSerialization
{
    public static ISerializerBuilder AddActorRiskSerialization(this ISerializerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonSerializer(
            isSerializable: IsDomainType,
            isCopyable: null,
            options => options.Configure(o => o.SerializerOptions = ActorRiskJson.Options));
        builder.Services.AddSingleton<IGeneralizedCopier, ImmutableDomainCopier>();

        // Domain exceptions travel as Orleans exceptions (type, message), not as JSON.
        builder.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("ActorRisk.Domain"));
        return builder;
    }

    internal static bool IsDomainType(Type type) => type.Assembly == typeof(Money).Assembly && !typeof(Exception).IsAssignableFrom(type);

    /// <summary>Domain values are immutable: a copy is the value itself.</summary>
    private sealed class ImmutableDomainCopier : IGeneralizedCopier
    {
        public object? DeepCopy(object? input, CopyContext context) => input;

        public bool IsSupportedType(Type type) => IsDomainType(type);
    }
}
