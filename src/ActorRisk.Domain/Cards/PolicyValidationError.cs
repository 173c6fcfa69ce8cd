namespace ActorRisk.Domain.Cards;

/// <summary>A policy field that is out of range, named by its path (e.g. "limits[0].window").</summary>
public sealed record PolicyValidationError(string Field, string Message);
