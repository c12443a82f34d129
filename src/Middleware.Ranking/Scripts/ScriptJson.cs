using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Middleware.Ranking.Scripts;

/// <summary><c>JSON.stringify</c> with a replacer of our own in front of the script's: it sees every
/// value the serializer writes and counts what the text will take, so that a thousand references to
/// one large string are refused before they are written out rather than after. An array replacer
/// (a list of property names) becomes a filter in that replacer.</summary>
internal static class ScriptJson
{
    public static void Install(ScriptBuiltins guards)
    {
        var json = guards.Constructor("JSON");
        var stringify = guards.Original(json, "stringify");
        guards.Replace(json, "stringify", 3, (_, args) =>
        {
            var counter = new Counter(guards, args.At(1), Gap(args.At(2)));
            var replacer = new ClrFunction(guards.Engine, "replacer", counter.Replace, 2);
            return stringify.Call(JsValue.Undefined, [args.At(0), replacer, counter.Gap]);
        });
    }

    /// <summary>The indent as the serializer will use it (at most ten characters), read once.</summary>
    private static string Gap(JsValue space)
    {
        if (space is ObjectInstance)
            space = TypeConverter.ToPrimitive(space);
        if (space.IsNumber())
            return new string(' ', (int)Math.Clamp(TypeConverter.ToIntegerOrInfinity(space), 0, 10));
        return space.IsString() ? space.AsString()[..Math.Min(10, space.AsString().Length)] : "";
    }

    private sealed class Counter
    {
        private readonly ScriptBuiltins guards;
        private readonly Function? user;
        private readonly HashSet<string>? allowed;
        private readonly Dictionary<ObjectInstance, int> depths = new(ReferenceEqualityComparer.Instance);
        private double length;

        public Counter(ScriptBuiltins guards, JsValue replacer, string gap)
        {
            this.guards = guards;
            Gap = gap;
            user = replacer as Function;
            if (user is null && replacer.IsArray())
            {
                var names = replacer.AsArray();
                allowed = [];
                for (uint i = 0; i < names.Length; i++)
                    if (names[i] is { } name && (name.IsString() || name.IsNumber()))
                        allowed.Add(TypeConverter.ToString(name));
            }
        }

        public string Gap { get; }

        public JsValue Replace(JsValue holder, JsValue[] args)
        {
            var key = TypeConverter.ToString(args.At(0));
            var value = args.At(1);
            var depth = holder is ObjectInstance h && depths.TryGetValue(h, out var d) ? d : 0;
            if (user is not null)
                value = user.Call(holder, [args.At(0), value]);
            else if (allowed is not null && depth > 0 && !holder.IsArray() && !allowed.Contains(key))
                return JsValue.Undefined;

            length += key.Length + 4 + (Gap.Length == 0 ? 0 : 1 + Gap.Length * (depth + 1));
            if (value.IsString())
                length += Escaped(value.AsString());
            else if (value is ObjectInstance o && !o.IsCallable())
            {
                depths[o] = depth + 1;
                length += 2 + Gap.Length * depth;
            }
            else
                length += 24;
            if (length > guards.MaxStringLength)
                throw guards.TooLong("JSON.stringify", length);
            return value;
        }

        private static int Escaped(string text)
        {
            var extra = 2;
            foreach (var c in text)
                if (c < ' ' || c == '"' || c == '\\')
                    extra += 5;
            return text.Length + extra;
        }
    }
}
