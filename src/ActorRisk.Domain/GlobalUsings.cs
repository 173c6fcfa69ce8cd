global using System.Collections.Immutable;
global using System.Globalization;
global using ActorRisk.Domain.Values;
