using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Server.Secrets;

namespace Middleware.Server.Tests.Secrets;

/// <summary>With a certificate configured, the Data Protection keys are encrypted to it at rest:
/// a copy of the data folder without the certificate cannot read the upstream tokens.</summary>
public sealed class KeyRingTests
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "middleware-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_key_ring_protected_with_a_certificate_cannot_be_read_without_it()
    {
        Directory.CreateDirectory(data);
        var certificate = Path.Combine(data, "keys.pfx");
        File.WriteAllBytes(certificate, SelfSigned().Export(X509ContentType.Pfx, "pfx-password"));
        var withCertificate = Provider(new() { ["Middleware:DataProtection:CertificatePath"] = certificate, ["Middleware:DataProtection:CertificatePassword"] = "pfx-password" });
        var token = withCertificate.CreateProtector("upstream").Protect("upstream-access-token");

        var key = File.ReadAllText(Directory.GetFiles(Path.Combine(data, "keys"), "*.xml").Single());
        Assert.Contains("encryptedSecret", key);

        var without = Provider(new()).CreateProtector("upstream");
        Assert.ThrowsAny<CryptographicException>(() => without.Unprotect(token));

        var again = Provider(new() { ["Middleware:DataProtection:CertificatePath"] = certificate, ["Middleware:DataProtection:CertificatePassword"] = "pfx-password" });
        Assert.Equal("upstream-access-token", again.CreateProtector("upstream").Unprotect(token));
    }

    [Fact]
    public void Without_a_certificate_the_key_is_in_the_clear_and_only_the_file_mode_protects_it()
    {
        Provider(new()).CreateProtector("upstream").Protect("x");

        var key = File.ReadAllText(Directory.GetFiles(Path.Combine(data, "keys"), "*.xml").Single());
        Assert.DoesNotContain("encryptedSecret", key);
        Assert.Contains("Warning: the key below is in an unencrypted form.", key);
    }

    private IDataProtectionProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddProtectedKeyRing(configuration, data);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Middleware key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }
}
