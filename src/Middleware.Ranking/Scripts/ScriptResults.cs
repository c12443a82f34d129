using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Middleware.Ranking.Scripts;

/// <summary>Reads what <c>score()</c> returned: a number, or <c>{score, reason}</c>.</summary>
internal static class ScriptResults
{
    /// <summary>Longest reason kept for an explanation.</summary>
    public const int MaxReasonLength = 200;

    /// <exception cref="ScriptFailedException">The value is not a finite number (or an object with one).</exception>
    public static double Read(JsValue value, Candidate post, out string? reason)
    {
        reason = null;
        if (value is ObjectInstance obj && value is not JsArray)
        {
            var reasonValue = obj.Get("reason");
            if (!reasonValue.IsNull() && !reasonValue.IsUndefined())
                reason = reasonValue.IsString()
                    ? Shorten(reasonValue.AsString(), MaxReasonLength)
                    : throw new ScriptFailedException($"score() returned a reason that is not a string for post {post.PostUri}.");
            value = obj.Get("score");
        }
        if (!value.IsNumber())
            throw new ScriptFailedException($"score() returned {Describe(value)} for post {post.PostUri}, not a number.");
        var score = value.AsNumber();
        return double.IsFinite(score)
            ? score
            : throw new ScriptFailedException($"score() returned {Describe(value)} for post {post.PostUri}, not a finite number.");
    }

    private static string Describe(JsValue value) => value switch
    {
        JsString s => $"'{Shorten(s.ToString(), 40)}'",
        JsNumber n => n.AsNumber().ToString(CultureInfo.InvariantCulture),
        _ when value.IsUndefined() => "undefined (no return?)",
        _ when value.IsNull() => "null",
        JsBoolean b => b.ToString(),
        _ => "an object without a numeric score",
    };

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
