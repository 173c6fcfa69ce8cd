global using System.Diagnostics;
global using ActorRisk.Runtime.Abstractions;
