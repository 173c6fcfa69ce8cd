global using System.Collections.Immutable;
global using ActorRisk.Domain.Cards;
global using ActorRisk.Domain.Merchants;
global using ActorRisk.Domain.Programs;
global using ActorRisk.Domain.Values;
global using Orleans.Concurrency;
