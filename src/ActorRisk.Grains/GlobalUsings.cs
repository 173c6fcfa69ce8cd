global using System.Collections.Immutable;
global using ActorRisk.Domain.Cards;
global using ActorRisk.Domain.Values;
global using ActorRisk.Runtime.Abstractions;
global using ActorRisk.Domain.Merchants;
global using ActorRisk.Domain.Programs;
global using Microsoft.Extensions.Logging;
