using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Tests.Plugins;

/// <summary>Plugins in a host: found relative to its content root, loaded when it starts, and every
/// problem logged with its folder.</summary>
public sealed class PluginStartupTests : IDisposable
{
    private readonly PluginFolders plugins = new();

    public void Dispose() => plugins.Dispose();

    [Fact]
    public async Task Plugins_load_when_the_host_starts_and_problems_are_logged_as_warnings_with_the_folder()
    {
        plugins.AddTemplate();
        var broken = plugins.AddFolder("broken", "{}");
        var impostor = plugins.AddFaulty("impostor", "chronological", "Middleware.Plugins.Faulty.ImpostorRanker");
        var log = new LogLines();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Path.GetDirectoryName(plugins.Root),
        });
        builder.Logging.AddProvider(log);
        builder.Services.AddRanking().Configure<RankingOptions>(o =>
        {
            o.PluginsPath = Path.GetFileName(plugins.Root);
            o.Plugins.Allowed = plugins.Allowed;
        });
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Contains(log.Lines, l => l.Level == LogLevel.Information && l.Text.StartsWith($"Loaded ranking plugin {PluginFolders.TemplateId} 1.0.0 from "));
        var warnings = log.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Text).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains(broken) && w.Contains("plugin.json has no 'id'"));
        Assert.Contains(warnings, w => w.Contains(impostor) && w.Contains("already has the id 'chronological'"));
    }

    [Theory]
    [InlineData("Development", RankerState.Loaded, LogLevel.Warning, "is not listed in Middleware:Ranking:Plugins:Allowed and was loaded only because AllowUnlisted is on")]
    [InlineData("Production", RankerState.NotAllowed, LogLevel.Error, "AllowUnlisted is ignored in the Production environment")]
    public async Task Unlisted_plugins_load_with_a_warning_in_development_only(string environment, RankerState state, LogLevel level, string message)
    {
        plugins.AddTemplate(listed: false);
        var log = new LogLines();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Path.GetDirectoryName(plugins.Root),
            EnvironmentName = environment,
        });
        builder.Logging.AddProvider(log);
        builder.Services.AddRanking().Configure<RankingOptions>(o =>
        {
            o.PluginsPath = Path.GetFileName(plugins.Root);
            o.Plugins.AllowUnlisted = true;
        });
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(state, host.Services.GetRequiredService<RankerCatalog>().Describe(PluginFolders.TemplateId)!.State);
        Assert.Contains(log.Lines, l => l.Level == level && l.Text.Contains(message));
    }

    private sealed class LogLines : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));

        public void Dispose() { }
    }
}
