using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CsCheck;

namespace Middleware.Testing.Properties;

/// <summary>The property every parser of outside input has: for any input it returns a value or
/// its documented error, in good time. Any other exception, or no answer within
/// <see cref="Deadline"/>, fails the case (and CsCheck then shrinks it and prints its seed).</summary>
public static class Outcome
{
    /// <summary>How many generated cases each parser property runs in CI.</summary>
    public const int Cases = 10_000;

    /// <summary>Far beyond what any one case takes (microseconds), so only a hang or runaway
    /// backtracking reaches it, never a slow machine.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // One worker thread per sampling thread: a case that hangs is left behind on its worker, so the
    // test can report it instead of hanging with it. Thread-pool threads are not used, so a busy pool
    // cannot make a fast case look slow.
    private static readonly ThreadLocal<Worker> Workers = new(() => new Worker());

    /// <summary>Checks <paramref name="property"/> on <see cref="Cases"/> inputs of <paramref name="gen"/>.
    /// A failure names the seed, the shrunk input and what the property threw on it.</summary>
    public static void Holds<T>(Gen<T> gen, Action<T> property, Func<T, string>? show = null) =>
        gen.Sample(property, iter: Cases, print: input => Report(input, property, show));

    /// <summary>As <see cref="Holds{T}"/> for a property of an async parser.</summary>
    public static void HoldsAsync<T>(Gen<T> gen, Func<T, CancellationToken, Task> property, Func<T, string>? show = null) =>
        Holds(gen, input => Within(() =>
        {
            // The token ends a case that waits for ever; the deadline below still catches one that spins.
            using var cancel = new CancellationTokenSource(Deadline);
            property(input, cancel.Token).GetAwaiter().GetResult();
            return true;
        }), show);

    private static string Report<T>(T input, Action<T> property, Func<T, string>? show)
    {
        var text = show?.Invoke(input) ?? input?.ToString() ?? "null";
        if (text.Length > 2_000)
            text = text[..2_000] + $"… ({text.Length} characters)";
        try
        {
            property(input);
            return text + "\n(passes when run again)";
        }
        catch (Exception e)
        {
            return text + "\n→ " + e.GetType().FullName + ": " + e.Message + "\n" + e.StackTrace;
        }
    }

    /// <summary>Runs <paramref name="parse"/>; returns its value, or null when it threw
    /// <typeparamref name="TDocumented"/> (or a subclass), the parser's documented error.</summary>
    public static T? ValueOr<TDocumented, T>(Func<T> parse) where TDocumented : Exception
    {
        try
        {
            return Within(parse);
        }
        catch (TDocumented)
        {
            return default;
        }
    }

    /// <summary>Runs <paramref name="parse"/> and returns its value or rethrows its exception, or throws
    /// <see cref="TimeoutException"/> when it has not finished within <see cref="Deadline"/>.</summary>
    public static T Within<T>(Func<T> parse)
    {
        // Not disposed: a worker stuck past the deadline still sets it when (if) it finishes.
        var done = new ManualResetEventSlim();
        T result = default!;
        ExceptionDispatchInfo? error = null;
        Workers.Value!.Post(() =>
        {
            try
            {
                result = parse();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        });
        if (!done.Wait(Deadline))
        {
            Workers.Value = new Worker(); // the old one is stuck in the case
            throw new TimeoutException($"The parser gave no answer within {Deadline.TotalSeconds} s.");
        }
        error?.Throw();
        return result;
    }

    private sealed class Worker
    {
        private readonly BlockingCollection<Action> queue = [];

        public Worker() => new Thread(() =>
        {
            foreach (var work in queue.GetConsumingEnumerable())
                work();
        }) { IsBackground = true, Name = "property case" }.Start();

        public void Post(Action work) => queue.Add(work);
    }
}
