using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Middleware.Core.Import;
using Middleware.Core.Ranking;
using Middleware.Data;
using Middleware.Data.Ranking;
using Middleware.Ranking;
using Middleware.Ranking.Replay;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Engine;
using Microsoft.Extensions.Options;
using Middleware.Server.Import;

namespace Middleware.Replay;

/// <summary>The replayed data in a private SQLite store of the service's own schema, read and written
/// by the service's own stores, so the replay ranks exactly as the service would (same candidates,
/// same signals, same as-of rule). The store is deleted when the replay ends.</summary>
internal sealed class ReplayStore : IAsyncDisposable
{
    private readonly string folder;

    private ReplayStore(string folder, ServiceProvider services)
    {
        this.folder = folder;
        Services = services;
    }

    public ServiceProvider Services { get; }

    /// <summary>First and last moment of the data (posts published, interactions recorded).</summary>
    public (DateTimeOffset First, DateTimeOffset Last) Span { get; private set; }

    /// <summary>What the import stored, in words.</summary>
    public string Imported { get; private set; } = "";

    public ICandidateStore Candidates => Services.GetRequiredService<CandidateStore>();

    /// <summary>The as-of rankings over <see cref="Catalog"/>.</summary>
    public AsOfRankings Rankings => rankings ??= Services.GetRequiredService<AsOfRankings>();

    /// <summary>The service's rankers (before plugins named on the command line are added).</summary>
    public RankerCatalog Catalog => Services.GetRequiredService<RankerCatalog>();

    private AsOfRankings? rankings;

    /// <summary>Ranks with <paramref name="catalog"/> (the service's rankers plus the named plugins).</summary>
    public ReplayStore WithCatalog(RankerCatalog catalog)
    {
        rankings = new AsOfRankings(catalog, Services.GetRequiredService<IAsOfSources>(), Services.GetRequiredService<IOptions<BridgingOptions>>(),
            Services.GetRequiredService<IOptions<RankingOptions>>(), NullLoggerFactory.Instance);
        return this;
    }

    public static async Task<ReplayStore> OpenAsync(CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("middleware-replay-").FullName;
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddMiddlewareData($"Data Source={Path.Combine(folder, "replay.db")}")
            .AddRanking()
            // Plugins only as named on the command line (ReplayRankers), never from the working directory.
            .Configure<RankingOptions>(o => o.PluginsPath = Path.Combine(folder, "no-plugins"))
            .AddSingleton<CandidateStore>()
            .BuildServiceProvider();
        await services.ApplyMiddlewareDataMigrationsAsync(ct);
        return new ReplayStore(folder, services);
    }

    /// <summary>Imports the NDJSON as <c>POST /api/admin/import</c> does; the problems, if any, and nothing stored.</summary>
    public async Task<IReadOnlyList<ImportProblem>> ImportAsync(TextReader ndjson, CancellationToken ct)
    {
        var (batch, problems) = await ImportReader.ReadAsync(ndjson, ct);
        if (problems.Count > 0)
            return problems;
        if (batch.Posts.Count == 0)
            return [new ImportProblem(0, "the data holds no posts.")];
        var outcome = await Services.GetRequiredService<IImportStore>().ImportAsync(batch, ct);
        if (!outcome.Applied)
            return outcome.Problems;
        Imported = $"{outcome.PostsAdded} posts, {outcome.InteractionsAdded} interactions, {outcome.Impressions} servings";
        var times = batch.Posts.Select(p => p.Post.Published).Concat(batch.Interactions.Select(i => i.At)).ToList();
        Span = (times.Min(), times.Max());
        return [];
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        // Pooled SQLite connections keep the file open until the pool is cleared.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is not worth failing the replay for.
        }
    }
}
