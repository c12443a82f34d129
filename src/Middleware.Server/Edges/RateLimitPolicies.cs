using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Middleware.Server.Edges;

/// <summary>ASP.NET Core's rate limiter, one fixed-window policy per open edge, partitioned by client
/// address; endpoints name theirs with <c>RequireRateLimiting</c>. A refusal is 429 with
/// <c>Retry-After</c> (seconds) and a problem document.</summary>
public static class RateLimitPolicies
{
    public const string InboxPerAddress = "inbox-per-address";
    public const string Apps = "apps";
    public const string OAuth = "oauth";
    public const string Interactions = "interactions";
    public const string SignIn = "sign-in";
    public const string Votes = "votes";
    public const string Audits = "audits";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<InboxHostLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            Add(limiter, InboxPerAddress, o => o.InboxPerAddress);
            Add(limiter, Apps, o => o.Apps);
            Add(limiter, OAuth, o => o.OAuth);
            Add(limiter, Interactions, o => o.Interactions);
            Add(limiter, SignIn, o => o.SignIn);
            Add(limiter, Votes, o => o.Votes);
            Add(limiter, Audits, o => o.Audits);
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                return new ValueTask(TooManyRequests(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext));
            };
        });
        return services;
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds (at least one) and a problem document.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Result(StatusCodes.Status429TooManyRequests, Problems.TooManyRequests, "Too many requests",
            $"Too many requests from you here; try again in {seconds} seconds.");
    }

    private static void Add(RateLimiterOptions limiter, string name, Func<RateLimitOptions, RateLimit> limit) =>
        limiter.AddPolicy(name, http =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            var key = ClientAddress.PartitionKey(http);
            return options.Enabled
                ? RateLimitPartition.GetFixedWindowLimiter(key, _ => limit(options).ToLimiter())
                : RateLimitPartition.GetNoLimiter(key);
        });
}
