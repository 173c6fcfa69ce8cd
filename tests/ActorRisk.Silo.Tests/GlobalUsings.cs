global using System.Net;
global using System.Text.Json;
global using ActorRisk.Silo.Tests.Support;
global using ActorRisk.Testing;
global using Xunit;
