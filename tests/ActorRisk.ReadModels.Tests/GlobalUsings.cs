global using ActorRisk.Abstractions;
global using ActorRisk.Abstractions.Cards;
global using ActorRisk.Persistence.PostgreSql;
global using ActorRisk.Testing;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Hosting;
global using Npgsql;
global using Xunit;
