using Middleware.Ranking.Scripts;

namespace Middleware.Ranking.Tests.Scripts;

/// <summary>A built-in that makes a huge string or buffer in one call is refused before it allocates
/// it: Jint checks memory between statements, which is too late for one call (issue 11).</summary>
[Collection(SandboxLimitsCollection.Name)]
public sealed class ScriptBuiltinLimitTests
{
    private const long Allowed = 50L * 1024 * 1024;

    [Theory]
    [InlineData("'x'.repeat(2.5e8)", "RangeError: Invalid string length: repeat would make 250,000,000 characters")]
    [InlineData("'x'.padStart(2.5e8)", "RangeError: Invalid string length: padStart")]
    [InlineData("'x'.padEnd(2.5e8, 'yz')", "RangeError: Invalid string length: padEnd")]
    [InlineData("new Array(1000).fill('x'.repeat(1e5)).join('')", "RangeError: Invalid string length: join")]
    [InlineData("'' + new Array(1000).fill('x'.repeat(1e5))", "RangeError: Invalid string length: join")]
    [InlineData("`${new Array(1000).fill('x'.repeat(1e5))}`", "RangeError: Invalid string length: join")]
    [InlineData("new Array(1000).fill('x'.repeat(1e5)).toLocaleString()", "RangeError: Invalid string length: toLocaleString")]
    [InlineData("JSON.stringify(new Array(1000).fill('x'.repeat(1e5)))", "RangeError: Invalid string length: JSON.stringify")]
    [InlineData("JSON.stringify([1], function(k, v) { return k === '0' ? new Array(1000).fill('x'.repeat(1e5)) : v; })", "score() ")]
    [InlineData("''.concat(...new Array(1000).fill('x'.repeat(1e5)))", "RangeError: Invalid string length: concat")]
    [InlineData("'x'.repeat(1e4).replaceAll('', 'y'.repeat(1e4))", "RangeError: Invalid string length: replaceAll")]
    [InlineData("'x'.repeat(1e4).replace(/x/g, function() { return 'y'.repeat(1e4); })", "used more than 4 MB")]
    [InlineData("new ArrayBuffer(5e8)", "ReferenceError: ArrayBuffer is not defined")]
    [InlineData("new Float64Array(1e8)", "ReferenceError: Float64Array is not defined")]
    [InlineData("String.raw({raw: new Array(1000).fill('x'.repeat(1e5))})", "TypeError")]
    public async Task A_built_in_asked_for_hundreds_of_megabytes_is_refused_before_it_allocates_them(string expression, string reason)
    {
        var host = new ScriptHost();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var outcome = await host.RunAsync($"function score() {{ var r = {expression}; return r.length; }}", [Candidates.Post("a", 1)]);

        Assert.Equal("chronological", outcome.Ranker);
        Assert.Contains(reason, outcome.FallbackReason);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocated < Allowed,
            $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024 * 1024)} MB");
    }

    [Fact]
    public async Task The_repeat_attack_at_the_top_level_is_a_parameter_error_without_the_allocation()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<RankerParameterException>(async () =>
            await new ScriptHost().RankAsync("var s = 'x'.repeat(2.5e8); function score() { return 1; }", [Candidates.Post("a", 1)]));

        Assert.Contains("Invalid string length", error.Message);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocated < Allowed);
    }

    [Theory]
    [InlineData("'ab'.repeat(3) + 'x'.padStart(3, '-') + 'x'.padEnd(2) + '|'", "ababab--xx |")]
    [InlineData("[1, null, 'a', [2, 3]].join('-') + String([1, 2]) + `${[3]}`", "1--a-2,31,23")]
    [InlineData("(function() { var a = [1]; a.push(a); return a.join(); })()", "1,")]
    [InlineData("JSON.stringify({a: [1, 'x'], b: {c: true}, d: undefined}, null, 2)", "{\n  \"a\": [\n    1,\n    \"x\"\n  ],\n  \"b\": {\n    \"c\": true\n  }\n}")]
    [InlineData("JSON.stringify({a: 1, b: {a: 2, c: 3}}, ['a', 'b'])", "{\"a\":1,\"b\":{\"a\":2}}")]
    [InlineData("JSON.stringify({a: 1, b: 2}, function(k, v) { return k === 'a' ? undefined : v; })", "{\"b\":2}")]
    [InlineData("'a'.concat(1, [2, 3])", "a12,3")]
    [InlineData("'abcabc'.replace(/(?<first>a)(b)/g, '[$<first>|$2|$&|$`|$\\'|$$|$3]')", "[a|b|ab||cabc|$|$3]c[a|b|ab|abc|c|$|$3]c")]
    [InlineData("'a-b-c'.replaceAll('-', function(m, p) { return p; })", "a1b3c")]
    [InlineData("'a-b'.replace('-', '$&$&')", "a--b")]
    public async Task Guarded_built_ins_still_do_what_JavaScript_says(string expression, string expected)
    {
        var reason = await new ScriptHost().FirstReasonAsync($"function score() {{ return {{ score: 1, reason: {expression} }}; }}", Candidates.Post("a", 1));

        Assert.Equal(expected, reason);
    }
}
