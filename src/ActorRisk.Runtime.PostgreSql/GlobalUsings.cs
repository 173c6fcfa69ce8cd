global using ActorRisk.Runtime.Abstractions;
global using Npgsql;
global using NpgsqlTypes;
