global using System.Net;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using ActorRisk.Cluster.Tests.Support;
global using ActorRisk.Testing;
global using Xunit;
