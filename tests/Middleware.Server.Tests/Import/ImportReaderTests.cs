using Middleware.Server.Import;

namespace Middleware.Server.Tests.Import;

public sealed class ImportReaderTests
{
    // Found by ImportLineProperties (seed fbrZUnR6juH5): an escaped lone surrogate threw
    // InvalidOperationException out of the reader, failing the whole import with a 500.
    [Theory]
    [InlineData("""{"type":"interaction","kind":"seen","actor":"urn:\ud800synthetic:user:7","post":"https://a.example/notes/1","at":"2026-01-01T00:05:00Z"}""")]
    [InlineData("""{"type":"account","\ud800":1,"uri":"https://a.example/users/ann","published":"2020-05-01T00:00:00Z"}""")]
    public async Task A_lone_surrogate_is_a_problem_of_its_line(string line)
    {
        var (batch, problems) = await ImportReader.ReadAsync(new StringReader(line + "\n" + line), default);

        Assert.True(batch.IsEmpty);
        Assert.Equal([1, 2], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Contains("not valid Unicode", p.Error));
    }
}
