using Middleware.Data;
using Middleware.Server.Admin;
using Middleware.Server.Configuration;
using Middleware.Server.Federation;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMiddleware(builder.Configuration);

var app = builder.Build();
await app.Services.ApplyMiddlewareDataMigrationsAsync();

app.MapWellKnown();
app.MapActors();
app.MapInboxes();
app.MapAdmin();
app.MapGet("/", () => Results.Text("Middleware: a feed service for the fediverse. See /api/admin and docs/."));

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
