global using ActorRisk.Persistence.PostgreSql;
global using ActorRisk.Persistence.Tests.Support;
global using ActorRisk.Testing;
global using Npgsql;
global using Orleans;
global using Orleans.Runtime;
global using Orleans.Storage;
global using Xunit;
