using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        builder.Services.AddRanking().Configure<RankingOptions>(o => o.PluginsPath = Path.GetFileName(plugins.Root));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Contains(log.Lines, l => l.Level == LogLevel.Information && l.Text.StartsWith($"Loaded ranking plugin {PluginFolders.TemplateId} 1.0.0 from "));
        var warnings = log.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Text).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains(broken) && w.Contains("plugin.json has no 'id'"));
        Assert.Contains(warnings, w => w.Contains(impostor) && w.Contains("already has the id 'chronological'"));
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
