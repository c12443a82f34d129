using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Plugins;

namespace Middleware.Ranking.Tests.Plugins;

/// <summary>A plugin folder changed on disk and reloaded while the service runs: the new version
/// serves when it loads; when it does not, the old one keeps serving and the error is reported.</summary>
public sealed class PluginReloadTests : IDisposable
{
    private const string Folder = "reloadable";
    private static readonly IReadOnlyList<Candidate> Posts = [Candidates.Post("a", 2), Candidates.Post("b", 1)];

    private readonly PluginFolders plugins = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
    private ServiceProvider? services;

    public void Dispose()
    {
        services?.Dispose();
        plugins.Dispose();
    }

    private (RankerCatalog Catalog, PluginReloader Reloader) Start(bool watch = false)
    {
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddRanking()
            .Configure<RankingOptions>(o =>
            {
                o.PluginsPath = plugins.Root;
                o.Plugins.Allowed = plugins.Allowed;
                o.Plugins.Watch = watch;
            })
            .BuildServiceProvider();
        var reloader = services.GetRequiredService<PluginReloader>();
        return (services.GetRequiredService<RankerCatalog>(), reloader);
    }

    private static async Task<string> ServedByAsync(RankerCatalog catalog)
    {
        var ranker = catalog.Find(PluginFolders.ReloadableId) ?? throw new InvalidOperationException("no 'reloadable' ranker");
        var result = await ranker.RankAsync(Candidates.Request(Posts), CancellationToken.None);
        return result.Items[0].Explanation.Summary;
    }

    [Fact]
    public async Task A_reload_picks_up_a_new_version_and_unloads_the_old_one()
    {
        plugins.PutReloadable(Folder, 1);
        var (catalog, reloader) = Start();
        var startedAt = clock.GetUtcNow();
        Assert.Equal("Ranked by version 1.0.0.", await ServedByAsync(catalog));
        var oldContext = WeakOldContext(catalog);

        plugins.PutReloadable(Folder, 2);
        clock.Advance(TimeSpan.FromMinutes(5));
        var state = await reloader.ReloadAsync(PluginFolders.ReloadableId);

        Assert.NotNull(state);
        Assert.Equal(RankerState.Loaded, state.State);
        Assert.Equal("2.0.0", state.LoadedVersion);
        Assert.Equal(startedAt.AddMinutes(5), state.LoadedAt);
        Assert.Null(state.LastError);
        Assert.Equal("Ranked by version 2.0.0.", await ServedByAsync(catalog));
        Assert.Equal("2.0.0", catalog.Describe(PluginFolders.ReloadableId)!.Metadata!.Version);
        // The old version's load context goes once nothing holds it.
        for (var i = 0; i < 20 && oldContext.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(oldContext.IsAlive, "the replaced version's load context was not unloaded");
    }

    [Fact]
    public async Task A_broken_new_version_keeps_the_old_one_serving_and_reports_the_error()
    {
        var folder = plugins.PutReloadable(Folder, 1);
        var (catalog, reloader) = Start();
        var startedAt = clock.GetUtcNow();

        // A manifest whose version disagrees with the ranker's metadata: the loader refuses it.
        PluginFolders.AddManifest(folder, PluginFolders.Manifest(PluginFolders.ReloadableId, "ReloadRanker.dll", version: "9.9.9"));
        clock.Advance(TimeSpan.FromMinutes(1));
        var state = (await reloader.ReloadAllAsync()).Single();

        Assert.Equal(RankerState.Loaded, state.State);
        Assert.Equal("1.0.0", state.LoadedVersion);
        Assert.Equal(startedAt, state.LoadedAt);
        Assert.Equal(startedAt.AddMinutes(1), state.LastAttemptAt);
        Assert.Contains("Metadata.Version is '1.0.0' but plugin.json says '9.9.9'", state.LastError);
        Assert.Equal("Ranked by version 1.0.0.", await ServedByAsync(catalog));
        Assert.Equal(state, reloader.States().Single());

        // Fixed on disk, the next reload clears the error.
        PluginFolders.AddManifest(folder, PluginFolders.Manifest(PluginFolders.ReloadableId, "ReloadRanker.dll", version: "1.0.0"));
        Assert.Null((await reloader.ReloadAsync(PluginFolders.ReloadableId))!.LastError);
    }

    [Fact]
    public async Task A_damaged_assembly_keeps_the_old_one_serving()
    {
        var folder = plugins.PutReloadable(Folder, 1);
        var (catalog, reloader) = Start();

        var dll = Path.Combine(folder, "ReloadRanker.dll");
        File.WriteAllBytes(dll, [0x4d, 0x5a, 1, 2, 3]);
        plugins.Allow(PluginFolders.ReloadableId, dll);
        var state = await reloader.ReloadAsync(PluginFolders.ReloadableId);

        Assert.Equal("1.0.0", state!.LoadedVersion);
        Assert.Contains("not a loadable .NET assembly", state.LastError);
        Assert.Equal("Ranked by version 1.0.0.", await ServedByAsync(catalog));
    }

    [Fact]
    public async Task A_new_version_whose_hash_is_not_listed_is_refused_and_the_old_one_serves()
    {
        plugins.PutReloadable(Folder, 1);
        var (catalog, reloader) = Start();

        plugins.PutReloadable(Folder, 2, listed: false);
        var state = await reloader.ReloadAsync(PluginFolders.ReloadableId);

        Assert.Equal(RankerState.Loaded, state!.State);
        Assert.Equal("1.0.0", state.LoadedVersion);
        Assert.StartsWith("The SHA-256 of ReloadRanker.dll is ", state.LastError);
        Assert.Equal("Ranked by version 1.0.0.", await ServedByAsync(catalog));
    }

    [Fact]
    public async Task A_hash_listed_after_start_up_counts_at_the_next_reload()
    {
        plugins.PutReloadable(Folder, 1);
        var (catalog, reloader) = Start();
        plugins.PutReloadable(Folder, 2, listed: false);
        Assert.NotNull((await reloader.ReloadAsync(PluginFolders.ReloadableId))!.LastError);

        plugins.Allowed.Clear();
        plugins.Allow(PluginFolders.ReloadableId, Path.Combine(plugins.Root, Folder, "ReloadRanker.dll"));
        var state = await reloader.ReloadAsync(PluginFolders.ReloadableId);

        Assert.Equal("2.0.0", state!.LoadedVersion);
        Assert.Equal("Ranked by version 2.0.0.", await ServedByAsync(catalog));
    }

    [Fact]
    public async Task A_new_folder_is_loaded_by_a_reload_of_all_and_cannot_take_a_built_in_id()
    {
        var (catalog, reloader) = Start();
        Assert.Empty(reloader.States());

        plugins.PutReloadable(Folder, 1);
        PluginFolders.AddManifest(plugins.AddTemplate("chrono"),
            PluginFolders.Manifest("chronological", "Template.dll"));
        plugins.Allow("chronological", Path.Combine(plugins.Root, "chrono", "Template.dll"));
        var states = await reloader.ReloadAllAsync();

        Assert.Equal(["chronological", PluginFolders.ReloadableId], states.Select(s => s.Id));
        Assert.Equal(RankerState.Failed, states[0].State);
        Assert.Equal("1.0.0", states[1].LoadedVersion);
        Assert.IsType<Middleware.Ranking.Builtin.ChronologicalRanker>(catalog.Find("chronological"));
        Assert.Equal("Ranked by version 1.0.0.", await ServedByAsync(catalog));
    }

    [Fact]
    public async Task With_watch_on_a_changed_folder_is_reloaded_once_it_has_been_quiet()
    {
        plugins.PutReloadable(Folder, 1);
        var (catalog, _) = Start(watch: true);
        var watcher = services!.GetRequiredService<PluginFolderWatcher>();
        await watcher.StartAsync(CancellationToken.None);
        Assert.True(watcher.Watching);

        plugins.PutReloadable(Folder, 2);
        // The change events arrive on their own thread. Until the folder has been quiet for
        // PluginFolderWatcher.Quiet (fake time) since the last of them, version 1 serves.
        await watcher.ChangeSeen.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(PluginFolderWatcher.Quiet - TimeSpan.FromMilliseconds(100));
        Assert.Equal("Ranked by version 1.0.0.", await ServedByAsync(catalog));
        Assert.False(watcher.Reloaded.IsCompleted);

        // The files were complete before the first event: a reload from now on loads version 2.
        clock.Advance(PluginFolderWatcher.Quiet);
        await watcher.Reloaded.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Ranked by version 2.0.0.", await ServedByAsync(catalog));
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_watch_off_nothing_is_watched()
    {
        plugins.PutReloadable(Folder, 1);
        Start();
        var watcher = services!.GetRequiredService<PluginFolderWatcher>();

        await watcher.StartAsync(CancellationToken.None);

        Assert.False(watcher.Watching);
    }

    [Fact]
    public async Task Reloading_an_unknown_id_answers_null()
    {
        var (_, reloader) = Start();

        Assert.Null(await reloader.ReloadAsync("nothing-here"));
    }

    // Not inlined, so that no local of the test keeps the old ranker alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference WeakOldContext(RankerCatalog catalog) =>
        new(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(catalog.Find(PluginFolders.ReloadableId)!.GetType().Assembly));
}
