using System.Text.RegularExpressions;
using Acornima.Ast;
using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;

namespace Middleware.Ranking.Scripts;

/// <summary>A Jint engine for one ranking, with every limit in force: no access to .NET (interop
/// off, no CLR namespaces), no code built from strings (no eval, no new Function), strict mode,
/// and limits on statements, memory, recursion and time per call, plus a token that stops the
/// whole ranking. One engine per ranking: engines are not thread-safe, and a fresh one means that
/// nothing a script stores in a global survives into another ranking or another viewer's feed.</summary>
internal sealed class ScriptSandbox
{
    private readonly ScriptOptions options;

    public ScriptSandbox(ScriptOptions options, CancellationToken stop)
    {
        this.options = options;
        Engine = new JsEngine(o =>
        {
            o.Strict()
                .DisableStringCompilation()
                .MaxStatements(options.MaxStatementsPerPost)
                .LimitMemory(options.MemoryLimitBytes)
                .LimitRecursion(options.RecursionLimit)
                .TimeoutInterval(options.PostTimeLimit)
                .CancellationToken(stop);
            // A backtracking regular expression is one statement that the statement and time checks
            // cannot interrupt; Jint's own default lets it run for ten seconds.
            o.Constraints.RegexTimeout = options.PostTimeLimit;
            // No array longer than one call's memory could hold, however sparse (8 bytes an element).
            o.Constraints.MaxArraySize = (uint)Math.Clamp(StringBudget(options) / 8, 1024, uint.MaxValue);
            o.Interop.Enabled = false;
        });
        ScriptBuiltins.Install(Engine, StringBudget(options));
    }

    /// <summary>Bytes one built-in call may turn into a string: one call's memory limit (or, when that
    /// is switched off, the whole ranking's).</summary>
    private static long StringBudget(ScriptOptions options) =>
        options.MemoryLimitBytes > 0 ? options.MemoryLimitBytes : options.TotalMemoryLimitBytes;

    public JsEngine Engine { get; }

    /// <summary>Runs the script's top level and returns its <c>score</c> function.</summary>
    /// <exception cref="ScriptFailedException">The top level failed or defined no <c>score</c> function.</exception>
    public Function Load(Prepared<Script> script)
    {
        try
        {
            Engine.Execute(script);
        }
        catch (Exception e) when (Describe(e, "the script's top level") is { } problem)
        {
            throw new ScriptFailedException(problem);
        }
        return Engine.GetValue("score") as Function
            ?? throw new ScriptFailedException("the script must define function score(post, context) returning a number.");
    }

    /// <summary>What went wrong, in words for the script's author, or null when
    /// <paramref name="e"/> is not the script's doing (the host's own cancellation, a host bug).</summary>
    /// <param name="where">Which code ran, e.g. "score()".</param>
    public string? Describe(Exception e, string where) => e switch
    {
        StatementsCountOverflowException => $"{where} ran more than {options.MaxStatementsPerPost:N0} statements for one post (an endless loop?).",
        MemoryLimitExceededException => $"{where} used more than {Megabytes(options.MemoryLimitBytes)} MB for one post.",
        RecursionDepthOverflowException => $"{where} called functions more than {options.RecursionLimit} deep (endless recursion?).",
        RegexMatchTimeoutException => $"a regular expression in {where} ran longer than {options.PostTimeLimit.TotalMilliseconds:0} ms.",
        TimeoutException => $"{where} ran longer than {options.PostTimeLimit.TotalMilliseconds:0} ms for one post.",
        JavaScriptException js => $"{where} threw {js.Error}{Location(js)}.",
        _ => null,
    };

    private static string Location(JavaScriptException js) =>
        js.Location.Start.Line > 0 ? $" at line {js.Location.Start.Line}, column {js.Location.Start.Column + 1}" : "";

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
