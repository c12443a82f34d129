using Middleware.Core.Audit;

namespace Middleware.Server.Audit;

public static class AuditSetup
{
    /// <summary>The amplification audit: the recorder every feed surface hands its serves to (a bounded queue
    /// and its background writer) and the cached reports.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<ServedPositionRecorder>();
        services.AddSingleton<IServedPositionRecorder>(sp => sp.GetRequiredService<ServedPositionRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<ServedPositionRecorder>());
        services.AddSingleton<AuditReports>();
        return services;
    }
}
