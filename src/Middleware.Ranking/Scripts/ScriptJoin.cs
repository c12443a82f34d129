using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;

namespace Middleware.Ranking.Scripts;

/// <summary><c>Array.prototype.join</c> and <c>toLocaleString</c> written again with a length check
/// after every element: an array of a thousand references to one 200 KB string is cheap to make and
/// joins to 400 MB in one call. <c>toString</c>, <c>String(array)</c> and template literals go
/// through <c>join</c>. A guard in front of the original would not do: an element's
/// <c>toString</c> runs after the check and may fill the array.</summary>
internal static class ScriptJoin
{
    /// <summary>Deepest nesting of arrays joined into one string (each level is a few host frames).</summary>
    private const int MaxDepth = 128;

    public static void Install(ScriptBuiltins guards)
    {
        var arrays = guards.Prototype("Array");
        var toObject = (Function)guards.Constructor("Object");
        var active = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        guards.Replace(arrays, "join", 1, (self, args) =>
        {
            var separator = args.At(0).IsUndefined() ? "," : TypeConverter.ToString(args.At(0));
            return Join(guards, active, ToObject(guards, toObject, self), separator, "join", e => TypeConverter.ToString(e));
        });
        guards.Replace(arrays, "toLocaleString", 0, (self, _) => Join(guards, active, ToObject(guards, toObject, self), ",", "toLocaleString", e =>
        {
            var target = (ObjectInstance)toObject.Call(JsValue.Undefined, [e]);
            return TypeConverter.ToString(((Function)target.Get("toLocaleString")).Call(e, []));
        }));
    }

    private static ObjectInstance ToObject(ScriptBuiltins guards, Function toObject, JsValue self)
    {
        TypeConverter.RequireObjectCoercible(guards.Engine, self);
        return (ObjectInstance)toObject.Call(JsValue.Undefined, [self]);
    }

    private static JsValue Join(ScriptBuiltins guards, HashSet<ObjectInstance> active, ObjectInstance array, string separator,
        string name, Func<JsValue, string> convert)
    {
        var length = (double)TypeConverter.ToLength(array.Get("length"));
        if (length > guards.MaxStringLength)
            throw guards.TooManyElements(name, length);
        // A cycle joins to nothing there, as in browsers, rather than recursing until the stack ends.
        if (active.Count >= MaxDepth)
            throw guards.TooDeep(name);
        if (!active.Add(array))
            return JsString.Empty;
        try
        {
            var text = new StringBuilder();
            for (var i = 0; i < (long)length; i++)
            {
                if (i > 0)
                    Append(guards, text, separator, name);
                var element = array.Get(JsNumber.Create(i));
                if (!element.IsNull() && !element.IsUndefined())
                    Append(guards, text, convert(element), name);
            }
            return text.ToString();
        }
        finally
        {
            active.Remove(array);
        }
    }

    private static void Append(ScriptBuiltins guards, StringBuilder text, string part, string name)
    {
        if ((long)text.Length + part.Length > guards.MaxStringLength)
            throw guards.TooLong(name, (double)text.Length + part.Length);
        text.Append(part);
    }
}
