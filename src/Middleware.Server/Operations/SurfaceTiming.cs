using System.Diagnostics;

namespace Middleware.Server.Operations;

/// <summary>Times a feed surface's handler into <c>middleware.surface.duration</c>, tagged with the
/// surface, whatever the answer (an error page is a served request too).</summary>
public static class SurfaceTiming
{
    public static TBuilder TimedAs<TBuilder>(this TBuilder endpoint, string surface) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await next(context);
            }
            finally
            {
                context.HttpContext.RequestServices.GetRequiredService<ServiceMetrics>().Surface(surface, Stopwatch.GetElapsedTime(started));
            }
        });
}
