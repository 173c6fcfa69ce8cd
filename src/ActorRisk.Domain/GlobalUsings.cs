global using System.Collections.Immutable;
global using System.Globalization;
global using ActorRisk.Domain.Values;
global using ActorRisk.Domain.Programs;
global using ActorRisk.Domain.Merchants;
