using System.Security.Cryptography.X509Certificates;

namespace ActorRisk.Portal;

/// <summary>
/// How the portal's data-protection keys are encrypted before they are stored: with <see cref="Current"/>'s public
/// key. Keys stored under a certificate since replaced are still read with <see cref="Previous"/> (each with its
/// private key), so rotating the certificate signs no one out.
/// </summary>
public sealed record PortalKeyProtection(X509Certificate2 Current, IReadOnlyList<X509Certificate2> Previous);
