using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Middleware.Ranking.Scripts;

/// <summary>Bounds what one call of a built-in function can allocate. Jint checks its memory limit
/// between statements, so a single built-in that builds a huge string or buffer from a small input
/// (<c>'x'.repeat(2.5e8)</c> is 500 MB) has allocated it all before the check. Before a script runs,
/// the built-ins that can do so are replaced by guards that compute the size first and throw
/// <c>RangeError: Invalid string length</c> (as browsers do beyond their own limit) when the result
/// would not fit in one call's memory limit; binary buffers, which scoring never needs, are
/// removed. Arguments are converted once, by the guard, so that a <c>valueOf</c> cannot pass the
/// check with one value and reach the original with another.</summary>
internal sealed class ScriptBuiltins
{
    /// <summary>Globals a scoring function has no use for that allocate what they are told to.</summary>
    private static readonly string[] Removed =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array",
        "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float16Array",
        "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "WebAssembly", "ShadowRealm",
    ];

    private readonly JsEngine engine;
    private readonly ErrorConstructor rangeError;

    private ScriptBuiltins(JsEngine engine, long maxStringLength)
    {
        this.engine = engine;
        MaxStringLength = maxStringLength;
        rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
    }

    /// <summary>Longest string a guarded built-in may make, in characters.</summary>
    public long MaxStringLength { get; }

    /// <summary>Installs the guards in <paramref name="engine"/>; strings may take at most
    /// <paramref name="memoryLimitBytes"/> (two bytes a character).</summary>
    public static void Install(JsEngine engine, long memoryLimitBytes)
    {
        var guards = new ScriptBuiltins(engine, Math.Max(1024, memoryLimitBytes / 2));
        foreach (var name in Removed)
            engine.Global.RemoveOwnProperty(name);
        var strings = guards.Prototype("String");
        var repeat = guards.Original(strings, "repeat");
        guards.Replace(strings, "repeat", 1, (self, args) =>
        {
            var text = guards.ThisString(self);
            var count = TypeConverter.ToIntegerOrInfinity(args.At(0));
            if (count > 0 && text.Length * count > guards.MaxStringLength)
                throw guards.TooLong("repeat", text.Length * count);
            return repeat.Call(text, [count]);
        });
        foreach (var name in new[] { "padStart", "padEnd" })
        {
            var pad = guards.Original(strings, name);
            guards.Replace(strings, name, 1, (self, args) =>
            {
                var text = guards.ThisString(self);
                var length = (double)TypeConverter.ToLength(args.At(0));
                JsValue filler = args.At(1).IsUndefined() ? JsValue.Undefined : TypeConverter.ToString(args.At(1));
                if (length > guards.MaxStringLength && length > text.Length)
                    throw guards.TooLong(name, length);
                return pad.Call(text, [length, filler]);
            });
        }
        var concat = guards.Original(strings, "concat");
        guards.Replace(strings, "concat", 1, (self, args) =>
        {
            var text = guards.ThisString(self);
            var parts = new JsValue[args.Length];
            double length = text.Length;
            for (var i = 0; i < args.Length; i++)
            {
                var part = TypeConverter.ToString(args[i]);
                length += part.Length;
                parts[i] = part;
            }
            if (length > guards.MaxStringLength)
                throw guards.TooLong("concat", length);
            return concat.Call(text, parts);
        });
        // String.raw flattens an array-like of any length and is of no use to a scoring function.
        guards.Constructor("String").RemoveOwnProperty("raw");
        ScriptJoin.Install(guards);
        ScriptJson.Install(guards);
        ScriptReplace.Install(guards);
    }

    public JsEngine Engine => engine;

    /// <summary>A <c>RangeError</c> for a string of <paramref name="length"/> characters made by <paramref name="builtin"/>.</summary>
    public JavaScriptException TooLong(string builtin, double length) =>
        new(rangeError, $"Invalid string length: {builtin} would make {length:N0} characters; a script may make at most {MaxStringLength:N0}.");

    /// <summary>A <c>RangeError</c> for an array-like of <paramref name="length"/> elements.</summary>
    public JavaScriptException TooManyElements(string builtin, double length) =>
        new(rangeError, $"Invalid array length: {builtin} would visit {length:N0} elements; a script may use at most {MaxStringLength:N0}.");

    /// <summary>A <c>RangeError</c> for arrays nested too deep to convert.</summary>
    public JavaScriptException TooDeep(string builtin) =>
        new(rangeError, $"Maximum call stack size exceeded: {builtin} of arrays nested too deep.");

    public ObjectInstance Constructor(string name) => (ObjectInstance)engine.Global.Get(name);

    public ObjectInstance Prototype(string name) => (ObjectInstance)Constructor(name).Get("prototype");

    public Function Original(ObjectInstance owner, string name) => (Function)owner.Get(name);

    /// <summary>Puts <paramref name="guard"/> where <paramref name="name"/> was, with the same
    /// attributes as built-in methods (writable, configurable, not enumerable).</summary>
    public void Replace(ObjectInstance owner, string name, int length, Func<JsValue, JsValue[], JsValue> guard) =>
        owner.FastSetProperty(name, new PropertyDescriptor(new ClrFunction(engine, name, guard, length, PropertyFlag.Configurable), PropertyFlag.NonEnumerable));

    /// <summary><c>this</c> of a string method as a string; null and undefined are a TypeError.</summary>
    public string ThisString(JsValue self)
    {
        TypeConverter.RequireObjectCoercible(engine, self);
        return TypeConverter.ToString(self);
    }
}
