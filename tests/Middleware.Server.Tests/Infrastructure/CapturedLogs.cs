using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>Every log entry the service writes, kept for tests of what an admin would read.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Waits until an entry matching <paramref name="match"/> has been written (lines from background
    /// services, such as the start report, arrive at their own pace), or fails after <paramref name="timeout"/>.</summary>
    public async Task<Entry> WaitForAsync(Func<Entry, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = Entries.FirstOrDefault(match);
            if (found is not null)
                return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("No log entry matched before the deadline.");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                logs.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
