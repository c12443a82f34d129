using System.Text;
using CsCheck;
using Middleware.Server.Import;
using Middleware.Testing.Properties;

namespace Middleware.Server.Tests.Properties;

/// <summary>NDJSON imports nobody wrote by hand: whatever bytes an admin uploads, reading gives the
/// records and a problem per bad line (with its number), never an exception.</summary>
public sealed class ImportLineProperties
{
    private static readonly string[] ValidLines =
    [
        """{"type":"post","uri":"https://a.example/notes/1","author":"https://a.example/users/ann","text":"Wat de buurt bezighoudt #buurt","published":"2026-01-01T00:00:00Z","language":"nl","url":"https://a.example/@ann/1","inReplyTo":"https://b.example/notes/9","contentWarning":"cw","sensitive":true,"mediaCount":2,"hashtags":["#Buurt","klimaat"]}""",
        """{"type":"interaction","kind":"favourite","actor":"https://b.example/users/bo","post":"https://a.example/notes/1","at":"2026-01-01T00:05:00Z"}""",
        """{"type":"interaction","kind":"seen","actor":"urn:synthetic:user:7","post":"https://a.example/notes/1","at":"2026-01-01T00:05:00+01:00"}""",
        """{"type":"account","uri":"https://a.example/users/ann","published":"2020-05-01T00:00:00Z"}""",
    ];

    [Fact]
    public void Any_upload_reads_to_records_and_numbered_problems()
    {
        var line = Gen.Frequency((6, JsonMutants.Of(ValidLines)), (1, JsonGen.Value), (1, JsonGen.AlmostJson), (1, Gen.Const("")));
        var upload = JsonGen.Utf8(line.Array[0, 8].Select(lines => string.Join('\n', lines)));
        Outcome.HoldsAsync(upload, async (bytes, ct) =>
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            var (batch, problems) = await ImportReader.ReadAsync(reader, ct);
            Assert.All(problems, p => Assert.True(p.Line >= 1 && !string.IsNullOrEmpty(p.Error)));
            Assert.True(problems.Count <= ImportReader.MaxProblems);
            Assert.All(batch.Posts, p => Assert.True(Uri.IsWellFormedUriString(p.Post.Uri, UriKind.Absolute) || p.Post.Uri.Length > 0));
        }, bytes => Encoding.UTF8.GetString(bytes));
    }
}
