using Middleware.Data;
using Middleware.Server.Access;
using Middleware.Server.Admin;
using Middleware.Server.ClientApi;
using Middleware.Server.Cluster;
using Middleware.Server.Demo;
using Middleware.Server.Configuration;
using Middleware.Server.Edges;
using Middleware.Server.Feeds;
using Middleware.Server.Feeds.Interactions;
using Middleware.Server.Feeds.Open;
using Middleware.Server.Federation;
using Middleware.Server.Import;
using Middleware.Server.Operations;
using Middleware.Server.Ranking;
using Middleware.Server.Web;
using Middleware.Server.Web.Admin;

// SQLite calls block their thread; with the default minimum (one per core) a burst of them
// starves the thread pool and every request waits for a new thread to be injected.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

if (await Health.ProbeAsync(args) is { } probed)
    return probed;

var demo = DemoMode.Take(ref args);
var builder = WebApplication.CreateBuilder(args);
var demoFolder = demo ? DemoMode.Configure(builder) : null;
builder.Services.AddMiddleware(builder.Configuration);
builder.Services.AddMiddlewareHealth();
builder.Services.AddAccessPolicies();

var app = builder.Build();
if (!await app.PassStartChecksAsync())
{
    await app.DisposeAsync(); // flushes the log line
    return 1;
}
await app.Services.ApplyMiddlewareDataMigrationsAsync();
if (demoFolder is not null)
    await DemoMode.SeedAsync(app, demoFolder);
// Load (or generate and log) the admin token now, so it exists before anyone asks for it.
app.Services.GetRequiredService<AdminToken>();

app.UseEdges();
// Inside the problem handling: a full store or an unreachable database answers its own 503 with Retry-After.
app.UseMiddleware<StorageUnavailableResponses>();
app.UseCors();
app.UseRateLimits();
app.UseWebPages();
// Every endpoint is mapped under the policy of its group; anything else needs the admin (ADR 0027).
var anyone = app.MapGroup("").RequireAuthorization(AccessPolicies.Anyone);
anyone.MapHealth();
anyone.MapWellKnown();
anyone.MapActors();
anyone.MapInboxes();
anyone.MapOpenFeeds();
anyone.MapFeedInteractions();
anyone.MapClientApi();
anyone.MapWebPages();
anyone.MapGet("/", () => Results.Text("Middleware: a feed service for the fediverse. See /api/admin and docs/."));

var admin = app.MapGroup("").RequireAuthorization(AccessPolicies.Admin);
admin.MapAdmin();
admin.MapRanking();
admin.MapImport();
admin.MapExport();
admin.MapFeedAdmin();
admin.MapMetrics();
admin.MapCluster();

// The admin pages: a cookie session from the admin token (ADR 0030), never accepted by /api/admin.
var adminPages = app.MapGroup("").RequireAuthorization(AdminSession.Policy);
adminPages.MapAdminPages();

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
