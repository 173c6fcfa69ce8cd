global using System.Collections.Concurrent;
global using System.Diagnostics;
global using ActorRisk.Runtime.Abstractions;
global using Microsoft.Extensions.Logging;
