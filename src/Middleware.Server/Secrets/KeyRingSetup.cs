using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Middleware.Data;
using Middleware.Data.Secrets;

namespace Middleware.Server.Secrets;

/// <summary>The <c>Middleware:DataProtection</c> section: how the keys that encrypt stored upstream
/// tokens are themselves protected at rest.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "Middleware:DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with a certificate and its private key. When set, every key is
    /// encrypted to it before it is written; without it, keys are protected only by file permissions.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>Registers Data Protection with its keys in <c>{dataDirectory}/keys</c> (0700, files
/// 0600), or, on PostgreSQL, in the database every node shares (ADR 0037); encrypted to a
/// certificate when one is configured.</summary>
public static class KeyRingSetup
{
    public static IServiceCollection AddProtectedKeyRing(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var folder = Path.GetFullPath(Path.Combine(dataDirectory, "keys"));
        var builder = services.AddDataProtection().SetApplicationName("Middleware");
        services.TryAddSingleton<KeyRingStore>();
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = sp.GetService<IDbConnectionFactory>() is { Dialect: SqlDialect.PostgreSql }
                ? new DatabaseXmlRepository(sp.GetRequiredService<KeyRingStore>())
                : new PrivateXmlRepository(folder));
        // First of all hosted services: the framework's own one loads the ring at start and, finding
        // no key, makes one without asking the other nodes.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, FirstKey>());
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
                throw new OptionsValidationException(KeyRingOptions.Section, typeof(KeyRingOptions),
                    [$"{KeyRingOptions.Section}:CertificatePath ({options.CertificatePath}) has no private key; keys encrypted to it could not be read back."]);
            builder.ProtectKeysWithCertificate(certificate);
            // The framework finds the certificate to decrypt with in the machine's stores; a file
            // named in configuration is not there, so it is given here as well.
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }
        return services;
    }
}
