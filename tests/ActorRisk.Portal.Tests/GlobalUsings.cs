global using System.Net;
global using ActorRisk.Portal.Tests.Support;
global using ActorRisk.Testing;
global using Microsoft.Playwright;
global using Xunit;
global using static Microsoft.Playwright.Assertions;
