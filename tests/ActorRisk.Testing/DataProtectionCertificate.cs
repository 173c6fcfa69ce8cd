using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorRisk.Testing;

/// <summary>
/// A self-signed RSA certificate in a PKCS#12 file with a random password, made by the test process in its temporary
/// directory (readable by its user only, deleted when the process exits), as an operator gives the silo one in
/// ActorRisk:DataProtection:Certificate to encrypt the portal's stored keys. No key file is ever committed.
/// </summary>
public sealed class DataProtectionCertificate
{
    public const string Key = "ActorRisk:DataProtection:Certificate";

    private static readonly Lazy<DataProtectionCertificate> Shared = new(() => Create("ActorRisk test data protection"));

    private DataProtectionCertificate(string path, string password, string publicCertificate)
    {
        Path = path;
        Password = password;
        PublicCertificate = publicCertificate;
    }

    /// <summary>One certificate for the whole test process, so every host of a cluster (and a restarted one) reads the same keys.</summary>
    public static DataProtectionCertificate Default => Shared.Value;

    public string Path { get; }

    public string Password { get; }

    /// <summary>The certificate without its key, base64 DER: what an encrypted key's XML names as its recipient.</summary>
    public string PublicCertificate { get; }

    public static DataProtectionCertificate Create(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={subject}"), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actorrisk-dp-{Guid.NewGuid():N}.pfx");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            file.Write(certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password));
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return new DataProtectionCertificate(path, password, Convert.ToBase64String(certificate.RawData));
    }

    /// <summary>The silo's settings that name this certificate: <paramref name="key"/>:Path and :Password.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings(string key = Key)
    {
        yield return new($"{key}:Path", Path);
        yield return new($"{key}:Password", Password);
    }
}
