namespace Middleware.Replay.Tests;

/// <summary>Bad arguments and bad data: a message saying what is wrong, a non-zero exit and no report.</summary>
public sealed class ReplayArgumentTests : IDisposable
{
    private readonly ReplayFiles files = new();

    private string Data => files.Write("data.ndjson", ReplayFiles.Lines(new
    {
        type = "post", uri = "https://a.example/notes/1", author = "https://a.example/users/ann", text = "hi", published = "2026-11-20T10:00:00Z",
    }));

    public static TheoryData<string[], string> BadArguments => new()
    {
        { [], "give either --data FILE or --synthetic" },
        { ["--synthetic", "--data", "x"], "--data: there is no file \"x\"" },
        { ["--synthetic", "--top", "0"], "--top must be a whole number from 1 to 500" },
        { ["--synthetic", "--from", "yesterday"], "--from must be an ISO 8601 time" },
        { ["--synthetic", "--from", "2026-11-20T12:00:00Z", "--to", "2026-11-20T10:00:00Z"], "--to must not be before --from" },
        { ["--synthetic", "--colour", "red"], "unknown option --colour" },
        { ["--synthetic", "--top"], "--top needs a value" },
        { ["--synthetic", "--refit-hours", "0"], "--refit-hours must be a whole number from 1 to 168" },
        { ["--synthetic", "--ranker", "nope"], "there is no ranker 'nope'" },
        { ["--synthetic", "--plugin", "/"], "--plugin /: Failed" },
        { ["--synthetic", "--truth", "/etc/hostname"], "--truth is for --data" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_exit_with_2_and_say_what_is_wrong(string[] args, string message)
    {
        var (code, _, error) = await ReplayFiles.RunAsync(["--out", files.Report, .. args]);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.False(File.Exists(files.Report));
    }

    [Fact]
    public async Task A_recipe_that_is_not_json_is_refused_before_replaying()
    {
        var (code, _, error) = await ReplayFiles.RunAsync("--data", Data, "--recipe", files.Write("bad.json", "{nope"), "--out", files.Report);

        Assert.Equal(2, code);
        Assert.Contains("bad.json: not valid JSON", error);
    }

    [Fact]
    public async Task A_recipe_the_ranker_refuses_names_the_field()
    {
        var (code, _, error) = await ReplayFiles.RunAsync("--data", Data, "--recipe", files.Write("odd.json", """{"weights":{"likes":1}}"""), "--out", files.Report);

        Assert.Equal(2, code);
        Assert.Contains("recipe.weights.likes", error);
        Assert.False(File.Exists(files.Report));
    }

    [Fact]
    public async Task Data_that_does_not_import_exits_with_1_naming_the_line()
    {
        var data = files.Write("bad.ndjson", ReplayFiles.Lines(new { type = "post", uri = "not a uri" }));

        var (code, _, error) = await ReplayFiles.RunAsync("--data", data, "--out", files.Report);

        Assert.Equal(1, code);
        Assert.Contains("line 1:", error);
        Assert.False(File.Exists(files.Report));
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_with_0()
    {
        var (code, output, _) = await ReplayFiles.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
    }

    public void Dispose() => files.Dispose();
}
