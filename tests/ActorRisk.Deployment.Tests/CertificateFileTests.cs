using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorRisk.Silo.Hosting;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// The data-protection certificate as Container Apps mounts a Key Vault certificate: the PKCS#12 file in base64 text.
/// The silo reads it as it reads the binary file.
/// </summary>
public sealed class CertificateFileTests
{
    [Fact]
    public void APkcs12FileInBase64LoadsLikeTheBinaryOne()
    {
        var directory = Directory.CreateTempSubdirectory("actorrisk-certificate-");
        try
        {
            var pfx = SelfSigned();
            var binary = Path.Combine(directory.FullName, "binary.pfx");
            var text = Path.Combine(directory.FullName, "base64.pfx");
            File.WriteAllBytes(binary, pfx.Bytes);
            File.WriteAllText(text, Convert.ToBase64String(pfx.Bytes) + "\n");

            using var fromBinary = new CertificateFile { Path = binary }.Load(PortalKeyOptions.CertificateKey);
            using var fromText = new CertificateFile { Path = text }.Load(PortalKeyOptions.CertificateKey);

            Assert.Equal(pfx.Thumbprint, fromBinary.Thumbprint);
            Assert.Equal(pfx.Thumbprint, fromText.Thumbprint);
            Assert.True(fromText.HasPrivateKey);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TextThatIsNotBase64IsRefusedNamingTheKey()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a certificate");

            var refused = Assert.Throws<InvalidOperationException>(() => new CertificateFile { Path = file }.Load(PortalKeyOptions.CertificateKey));

            Assert.Contains(PortalKeyOptions.CertificateKey, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // A password-less PKCS#12 file, as Key Vault exports a certificate it made.
    private static (byte[] Bytes, string Thumbprint) SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ActorRisk deployment test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.Export(X509ContentType.Pkcs12), certificate.Thumbprint);
    }
}
