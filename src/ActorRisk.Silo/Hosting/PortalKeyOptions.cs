using ActorRisk.Portal;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Section "ActorRisk:DataProtection": the certificate that encrypts the portal's data-protection keys (cookie and
/// antiforgery) before they are stored in the read-model database, and the ones it replaced.
/// </summary>
public sealed class PortalKeyOptions
{
    public const string Section = "ActorRisk:DataProtection";

    public const string CertificateKey = $"{Section}:Certificate";

    /// <summary>
    /// Encrypts the portal's cookie and antiforgery keys before they are stored: required in postgres and azure modes
    /// outside Development, ignored in memory mode.
    /// </summary>
    public CertificateFile? Certificate { get; set; }

    /// <summary>Certificates rotated out: keys they encrypted are still read, none is encrypted with them any more.</summary>
    public List<CertificateFile> PreviousCertificates { get; set; } = [];

    /// <summary>
    /// The protection for the stored keys: none in memory mode (the keys never leave the process); in durable modes the
    /// configured certificate, required outside Development, where a database's clear keys would let anyone who reads
    /// it forge a portal sign-in.
    /// </summary>
    public PortalKeyProtection? Resolve(bool durable, bool development)
    {
        if (!durable)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(Certificate?.Path))
        {
            return development
                ? null
                : throw new InvalidOperationException(
                    $"{CertificateKey}:Path is required in postgres and azure modes outside Development: the portal's data-protection keys are stored in the " +
                    $"read-model database and are encrypted with this certificate (a PKCS#12 file with an RSA private key; its password in {CertificateKey}:Password). " +
                    "See docs/operations.md, \"Portal cookie keys\".");
        }

        var current = Certificate.Load(CertificateKey);
        var previous = PreviousCertificates.Select((file, i) => file.Load($"{Section}:PreviousCertificates:{i}")).ToList();
        return new PortalKeyProtection(current, previous);
    }
}
