namespace Middleware.Replay.Tests;

/// <summary>A replay small enough to work out by hand. Posts (author, published): p1 ann 10:10,
/// p2 bob 10:20, p3 ann 11:10, p4 cy 11:20; p1 has 3 favourites at 10:30; p2 gets 5 at 12:30, after the
/// last hour replayed (12:00). Ground truth: only p1 is relevant. Top 2, hours 11:00 and 12:00.
/// <list type="bullet">
/// <item>11:00: candidates p1, p2. Chronological p2, p1; engagement p1, p2 (same set: Jaccard 1).
/// Authors ann 1, bob 1: Gini 0. Both have p1: precision 0.5.</item>
/// <item>12:00: candidates p1–p4. Chronological p4, p3 (cy, ann); engagement p1 (3 favourites), then
/// p4 (no points, newest). Jaccard {p4,p3} vs {p1,p4} = 1/3. Exposure over ann, bob, cy is 1, 0, 1 for
/// both: Gini of [0, 1, 1] = 1/3. Precision: chronological 0, engagement 0.5.</item>
/// </list>
/// Means: Gini 0.167 for both; Jaccard 1 and 0.667; precision 0.25 and 0.5. Had p2's later favourites
/// leaked into 12:00, engagement would show p2, p1 there: Jaccard 0 and a mean of 0.500.</summary>
public sealed class ReplayReportTests : IDisposable
{
    private readonly ReplayFiles files = new();

    private static readonly string Data = ReplayFiles.Lines(
        Post("p1", "ann", "10:10"), Post("p2", "bob", "10:20"), Post("p3", "ann", "11:10"), Post("p4", "cy", "11:20"),
        Like("f1", "p1", "10:30"), Like("f2", "p1", "10:31"), Like("f3", "p1", "10:32"),
        Like("f1", "p2", "12:30"), Like("f2", "p2", "12:31"), Like("f3", "p2", "12:32"), Like("f4", "p2", "12:33"), Like("f5", "p2", "12:34"));

    private static object Post(string id, string author, string time) => new
    {
        type = "post", uri = $"https://a.example/notes/{id}", author = $"https://a.example/users/{author}", text = $"post {id}", published = $"2026-11-20T{time}:00Z",
    };

    private static object Like(string actor, string post, string time) => new
    {
        type = "interaction", kind = "favourite", actor = $"https://b.example/users/{actor}", post = $"https://a.example/notes/{post}", at = $"2026-11-20T{time}:00Z",
    };

    private string[] Args(params string[] more) =>
    [
        "--data", files.Write("data.ndjson", Data),
        "--truth", files.Write("truth.csv", "uri,label\nhttps://a.example/notes/p1,Bridging\nhttps://a.example/notes/p2,Neutral\n"),
        "--from", "2026-11-20T11:00:00Z", "--to", "2026-11-20T12:00:00Z", "--top", "2", "--out", files.Report, .. more,
    ];

    [Fact]
    public async Task A_small_replay_gives_the_hand_computed_figures_and_never_uses_later_signals()
    {
        var (code, output, error) = await ReplayFiles.RunAsync(Args("--ranker", "engagement"));

        Assert.True(code == 0, error);
        Assert.Contains("2 hours replayed", output);
        var html = File.ReadAllText(files.Report);
        Assert.Contains("<tr><td>chronological</td><td>0.167</td><td>1.000</td><td>0.000</td><td>n/a</td><td>0.250</td><td>0</td></tr>", html);
        Assert.Contains("<tr><td>engagement</td><td>0.167</td><td>0.667</td><td>0.000</td><td>n/a</td><td>0.500</td><td>0</td></tr>", html);
        Assert.Equal(4, html.Split("<svg").Length - 1);
    }

    [Fact]
    public async Task Recipes_scripts_and_plugins_are_replayed_and_names_from_files_are_escaped()
    {
        var recipe = files.Write("blend.json", """{"blend":[{"ranker":"bridging","weight":0.5},{"ranker":"engagement","weight":0.5}]}""");
        var script = files.Write("<img src=x onerror=alert(1)>.js", "function score(p) { return p.favourites; }");

        var (code, _, error) = await ReplayFiles.RunAsync(Args("--ranker", "bridging", "--recipe", recipe, "--script", script, "--plugin", ReplayFiles.TemplatePlugin));

        Assert.True(code == 0, error);
        var html = File.ReadAllText(files.Report);
        Assert.Contains("<td>recipe blend.json</td>", html);
        Assert.Contains("<td>plugin instance-and-media</td>", html);
        Assert.Contains("<td>script &lt;img src=x onerror=alert(1)&gt;.js</td>", html);
        Assert.DoesNotContain("<img", html);
        // The script scores by favourites known at each hour, as engagement without decay: p1 first at 12:00, then p4 (newest).
        Assert.Contains("<tr><td>script &lt;img src=x onerror=alert(1)&gt;.js</td><td>0.167</td><td>0.667</td>", html);
    }

    [Fact]
    public async Task A_synthetic_replay_reports_accuracy_against_its_ground_truth()
    {
        var (code, _, error) = await ReplayFiles.RunAsync("--synthetic", "--users", "300", "--posts", "150", "--days", "1", "--top", "10", "--refit-hours", "6", "--out", files.Report);

        Assert.True(code == 0, error);
        var html = File.ReadAllText(files.Report);
        Assert.Contains("mean precision@10 (Bridging)", html);
        Assert.Contains("<td>bridging</td>", html);
        Assert.Contains("(every 6 h; in between the last one serves)", html);
    }

    public void Dispose() => files.Dispose();
}
