namespace Middleware.Server.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The retention job: options from <c>Middleware:Retention</c>, the sweep and its schedule.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService<RetentionSchedule>();
        return services;
    }
}
