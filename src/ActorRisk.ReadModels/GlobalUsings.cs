global using ActorRisk.Abstractions;
global using ActorRisk.Abstractions.Cards;
global using ActorRisk.Abstractions.Merchants;
global using ActorRisk.Domain.Values;
global using ActorRisk.Grains.Cards;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Hosting;
global using Orleans.Runtime;
