using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// A certificate with its private key in a PKCS#12 (.pfx) file, binary or base64 text (as Key Vault hands it out), and the
/// password that opens it (never logged).
/// </summary>
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
            certificate = X509CertificateLoader.LoadPkcs12(Pkcs12Bytes(File.ReadAllBytes(Path)), Password);
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

    // Key Vault hands a certificate out as a secret holding the PKCS#12 file in base64, and Azure Container Apps writes
    // that text into the mounted file as it is: such a file is read as the bytes it encodes. A binary PKCS#12 file
    // starts with a DER sequence (0x30), which is not a base64 character, so the two cannot be mistaken for each other.
    private static byte[] Pkcs12Bytes(byte[] file)
    {
        const byte DerSequence = 0x30;
        if (file.Length == 0 || file[0] == DerSequence)
        {
            return file;
        }

        try
        {
            return Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(file).Trim());
        }
        catch (FormatException)
        {
            return file; // neither: the PKCS#12 loader says what is wrong
        }
    }
}
