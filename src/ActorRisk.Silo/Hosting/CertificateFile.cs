using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorRisk.Silo.Hosting;

/// <summary>A certificate with its private key in a PKCS#12 (.pfx) file, and the password that opens it (never logged).</summary>
public sealed class CertificateFile
{
    /// <summary>The PKCS#12 (.pfx) file, with an RSA certificate and its private key.</summary>
    public string? Path { get; set; }

    /// <summary>The file's password (never logged); left out for a file without one.</summary>
    public string? Password { get; set; }

    /// <summary>Loads the certificate, or says what is wrong naming <paramref name="key"/> (never the password).</summary>
    public X509Certificate2 Load(string key)
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new InvalidOperationException($"{key}:Path is empty: give the path of a PKCS#12 (.pfx) file.");
        }

        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{key}:Path names no file: {Path}.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(Path, Password);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException($"{key}: {Path} is not a PKCS#12 file that {key}:Password opens.", exception);
        }

        // Data protection encrypts each key to the certificate's RSA public key and decrypts it with the private key.
        using var privateKey = certificate.GetRSAPrivateKey();
        if (privateKey is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{key}: {Path} holds no RSA private key; data protection needs an RSA certificate with its private key.");
        }

        return certificate;
    }
}
