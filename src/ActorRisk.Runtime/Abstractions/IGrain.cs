namespace ActorRisk.Runtime.Abstractions;

/// <summary>Marker for grain interfaces. Methods return Task or Task&lt;T&gt;; arguments and results are serializable records.</summary>
public interface IGrain
{
}

/// <summary>A grain identified by a string key (a card token, a merchant id), like Orleans' IGrainWithStringKey.</summary>
public interface IGrainWithStringKey : IGrain
{
}
