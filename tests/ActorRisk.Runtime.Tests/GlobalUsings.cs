global using ActorRisk.Runtime.Abstractions;
global using ActorRisk.Runtime.Hosting;
global using ActorRisk.Runtime.PostgreSql;
global using ActorRisk.Testing;
global using Xunit;
