using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Middleware.Ranking.Scripts;

/// <summary><c>String.prototype.replace</c> and <c>replaceAll</c> with every replacement made by a
/// function of ours that counts what the result will take: <c>'x'.repeat(1e4).replaceAll('', y)</c>
/// inserts <c>y</c> ten thousand times in one call. A replacement string becomes such a function
/// (with its <c>$&amp;</c>, <c>$1</c>, <c>$&lt;name&gt;</c> patterns done here, as the specification's
/// GetSubstitution does); a replacement function is called through it.</summary>
internal static class ScriptReplace
{
    public static void Install(ScriptBuiltins guards)
    {
        var strings = guards.Prototype("String");
        foreach (var name in new[] { "replace", "replaceAll" })
        {
            var original = guards.Original(strings, name);
            guards.Replace(strings, name, 2, (self, args) =>
            {
                var text = guards.ThisString(self);
                var replacement = args.At(1);
                var function = replacement as Function;
                var template = function is null ? TypeConverter.ToString(replacement) : null;
                double length = text.Length;
                var counted = new ClrFunction(guards.Engine, "replacer", (_, match) =>
                {
                    var piece = function is not null
                        ? TypeConverter.ToString(function.Call(JsValue.Undefined, match))
                        : Substitute(template!, match);
                    length += piece.Length;
                    if (length > guards.MaxStringLength)
                        throw guards.TooLong(name, length);
                    return piece;
                }, 2);
                return original.Call(text, [args.At(0), counted]);
            });
        }
    }

    /// <summary>The replacement for one match: <paramref name="match"/> holds the matched text, the
    /// captures, the position, the whole string and, when the pattern names groups, the groups.</summary>
    private static string Substitute(string template, JsValue[] match)
    {
        if (!template.Contains('$'))
            return template;
        var hasGroups = match.Length >= 3 && match[^1] is ObjectInstance;
        var groups = hasGroups ? (ObjectInstance)match[^1] : null;
        var end = hasGroups ? match.Length - 1 : match.Length;
        var whole = TypeConverter.ToString(match[end - 1]);
        var position = (int)TypeConverter.ToIntegerOrInfinity(match[end - 2]);
        var matched = TypeConverter.ToString(match[0]);
        var captures = end - 3;
        var result = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '$' || i + 1 == template.Length)
            {
                result.Append(c);
                continue;
            }
            var next = template[i + 1];
            switch (next)
            {
                case '$': result.Append('$'); i++; break;
                case '&': result.Append(matched); i++; break;
                case '`': result.Append(whole, 0, Math.Min(position, whole.Length)); i++; break;
                case '\'':
                    var after = Math.Min(position + matched.Length, whole.Length);
                    result.Append(whole, after, whole.Length - after);
                    i++;
                    break;
                case >= '0' and <= '9':
                    var two = i + 2 < template.Length && char.IsAsciiDigit(template[i + 2]) ? (next - '0') * 10 + (template[i + 2] - '0') : -1;
                    var one = next - '0';
                    if (two >= 1 && two <= captures) { Capture(result, match[two]); i += 2; }
                    else if (one >= 1 && one <= captures) { Capture(result, match[one]); i++; }
                    else result.Append(c);
                    break;
                case '<' when groups is not null && template.IndexOf('>', i + 2) is var close and > 0:
                    Capture(result, groups.Get(template[(i + 2)..close]));
                    i = close;
                    break;
                default: result.Append(c); break;
            }
        }
        return result.ToString();
    }

    private static void Capture(StringBuilder result, JsValue capture)
    {
        if (!capture.IsUndefined())
            result.Append(TypeConverter.ToString(capture));
    }
}
