global using ActorRisk.Backup.Tests.Support;
global using ActorRisk.Testing;
global using Azure.Data.Tables;
global using Azure.Storage.Blobs;
global using Xunit;
