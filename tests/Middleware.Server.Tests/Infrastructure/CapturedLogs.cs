using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>Every log entry the service writes, kept for tests of what an admin would read.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    private readonly Lock _waitersGate = new();
    private readonly List<(Func<Entry, bool> Match, TaskCompletionSource<Entry> Found)> _waiters = [];

    /// <summary>The first entry matching <paramref name="match"/>, already written or written later (lines
    /// from background services, such as the start report, arrive at their own pace); fails after
    /// <paramref name="timeout"/>.</summary>
    public Task<Entry> WaitForAsync(Func<Entry, bool> match, TimeSpan? timeout = null)
    {
        var found = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersGate)
        {
            if (Entries.FirstOrDefault(match) is { } written)
                return Task.FromResult(written);
            _waiters.Add((match, found));
        }
        return found.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    private void Add(Entry entry)
    {
        lock (_waitersGate)
        {
            Entries.Enqueue(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(entry);
            }
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
                logs.Add(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
