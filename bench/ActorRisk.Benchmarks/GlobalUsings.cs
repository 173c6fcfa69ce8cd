global using System.Diagnostics;
global using Orleans;
global using Orleans.Runtime;
