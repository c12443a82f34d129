using Acornima;
using Acornima.Ast;
using Jint;
using JsEngine = Jint.Engine;

namespace Middleware.Ranking.Scripts;

/// <summary>A parsed script that defines <c>score</c>, ready to run in any number of engines
/// (a prepared script is immutable and thread-safe).</summary>
internal sealed record ScoreScript(Prepared<Script> Prepared)
{
    /// <summary>Parses <paramref name="text"/> and runs its top level once in a sandbox, so that a
    /// script that cannot work is the caller's error (with the line and column) rather than a
    /// fallback on every ranking.</summary>
    /// <exception cref="RankerParameterException">The script is too long, does not parse, fails at its
    /// top level or defines no <c>score</c> function.</exception>
    public static ScoreScript Compile(string text, ScriptOptions options)
    {
        if (text.Length > options.MaxScriptLength)
            throw new RankerParameterException("script", $"is {text.Length:N0} characters long; at most {options.MaxScriptLength:N0} are allowed.");
        Prepared<Script> prepared;
        try
        {
            prepared = JsEngine.PrepareScript(text, "script", strict: true);
        }
        catch (ScriptPreparationException e) when (e.InnerException is ParseErrorException parse)
        {
            throw new RankerParameterException("script", $"line {parse.LineNumber}, column {parse.Column + 1}: {parse.Description}.");
        }

        using var stop = new CancellationTokenSource(options.TimeLimit);
        try
        {
            new ScriptSandbox(options, stop.Token).Load(prepared);
        }
        catch (ScriptFailedException e)
        {
            throw new RankerParameterException("script", e.Message);
        }
        catch (Jint.Runtime.ExecutionCanceledException)
        {
            throw new RankerParameterException("script", $"the script's top level ran longer than {options.TimeLimit.TotalMilliseconds:0} ms.");
        }
        return new ScoreScript(prepared);
    }
}
