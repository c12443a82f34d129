using Microsoft.Extensions.Logging.Abstractions;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Plugins;

namespace Middleware.Ranking.Tests.Plugins;

public sealed class PluginLoaderTests : IDisposable
{
    private readonly PluginFolders plugins = new();

    public void Dispose() => plugins.Dispose();

    private IReadOnlyList<RankerEntry> LoadAll() => new PluginLoader(plugins.Root, plugins.Trust, NullLogger<PluginLoader>.Instance).LoadAll();

    [Fact]
    public void The_template_plugin_loads_from_its_build_output()
    {
        var folder = plugins.AddTemplate();

        var entry = Assert.Single(LoadAll());

        Assert.Equal(RankerState.Loaded, entry.State);
        Assert.Equal(RankerOrigin.Plugin, entry.Origin);
        Assert.Equal(PluginFolders.TemplateId, entry.Id);
        Assert.Equal(folder, entry.Location);
        Assert.Equal("1.0.0", entry.Metadata!.Version);
        Assert.Null(entry.Error);
    }

    [Fact]
    public void The_plugin_shares_the_hosts_contract_even_when_its_folder_has_a_copy()
    {
        // As a plugin built without Private=false would be: a copy of the contract, and (without
        // the deps.json that would list it) every dll in the folder counts as the plugin's own.
        var folder = plugins.AddTemplate();
        File.Copy(typeof(IRanker).Assembly.Location, Path.Combine(folder, Path.GetFileName(typeof(IRanker).Assembly.Location)));
        File.Delete(Path.Combine(folder, "Template.deps.json"));

        var entry = LoadAll().Single();

        Assert.True(entry.State == RankerState.Loaded, entry.Error);
        Assert.IsAssignableFrom<IRanker>(entry.Ranker);
        var rankerType = entry.Ranker!.GetType();
        Assert.NotSame(typeof(IRanker).Assembly, rankerType.Assembly);
        Assert.Same(typeof(IRanker).Assembly, rankerType.GetInterfaces().Single(i => i.Name == nameof(IRanker)).Assembly);
        Assert.StartsWith("ranking-plugin:", System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(rankerType.Assembly)!.Name);
    }

    [Theory]
    [InlineData("2.0", "the major versions differ")]
    [InlineData("0.9", "the major versions differ")]
    [InlineData("1.9", "newer than this service's")]
    public void A_plugin_for_another_contract_is_incompatible_and_the_message_names_both_versions(string contract, string why)
    {
        PluginFolders.AddManifest(plugins.AddTemplate(),
            PluginFolders.Manifest(PluginFolders.TemplateId, "Template.dll", contract: contract));

        var entry = LoadAll().Single();

        Assert.Equal(RankerState.Incompatible, entry.State);
        Assert.Equal(PluginFolders.TemplateId, entry.Id);
        Assert.Null(entry.Ranker);
        Assert.Contains($"contract {contract}", entry.Error);
        Assert.Contains($"implements contract {RankingContract.Version}", entry.Error);
        Assert.Contains(why, entry.Error);
    }

    [Fact]
    public void A_bad_manifest_fails_under_the_folder_name_with_the_manifest_problem()
    {
        plugins.AddFolder("broken", """{ "id": "broken", "version": "1.0.0", "assembly": "Broken.dll" }""");

        var entry = LoadAll().Single();

        Assert.Equal(RankerState.Failed, entry.State);
        Assert.Equal("broken", entry.Id);
        Assert.Contains("plugin.json has no 'contractVersion'", entry.Error);
    }

    [Fact]
    public void A_missing_assembly_fails()
    {
        plugins.AddFolder("missing", PluginFolders.Manifest("missing", "Missing.dll"));

        var entry = LoadAll().Single();

        Assert.Equal(RankerState.Failed, entry.State);
        Assert.Contains("'Missing.dll' named in plugin.json is not in the plugin folder", entry.Error);
    }

    [Fact]
    public void A_dll_that_is_not_an_assembly_fails()
    {
        var folder = plugins.AddFolder("garbage", PluginFolders.Manifest("garbage", "Garbage.dll"));
        File.WriteAllText(Path.Combine(folder, "Garbage.dll"), "this is not a portable executable");
        plugins.Allow("garbage", Path.Combine(folder, "Garbage.dll"));

        var entry = LoadAll().Single();

        Assert.Equal(RankerState.Failed, entry.State);
        Assert.Contains("'Garbage.dll' is not a loadable .NET assembly", entry.Error);
    }

    [Fact]
    public void Several_rankers_without_a_ranker_type_fail_and_name_them()
    {
        PluginFolders.AddManifest(plugins.AddFaulty("faulty", "throws", "unused"), PluginFolders.Manifest("throws", "FaultyRanker.dll"));

        var entry = LoadAll().Single();

        Assert.Equal(RankerState.Failed, entry.State);
        Assert.Contains("ranker classes", entry.Error);
        Assert.Contains("Middleware.Plugins.Faulty.ThrowingRanker", entry.Error);
        Assert.Contains("name one as rankerType", entry.Error);
    }

    [Theory]
    [InlineData("throws", "Middleware.Plugins.Faulty.Nope", "has no type 'Middleware.Plugins.Faulty.Nope'")]
    [InlineData("throws", "Middleware.Plugins.Faulty.FaultyRanker", "must be a public, non-abstract class")]
    [InlineData("constructor-throws", "Middleware.Plugins.Faulty.ConstructorThrowsRanker", "constructor of Middleware.Plugins.Faulty.ConstructorThrowsRanker threw InvalidOperationException: missing configuration")]
    [InlineData("spins", "Middleware.Plugins.Faulty.ThrowingRanker", "Metadata.Id is 'throws' but plugin.json says 'spins'")]
    public void A_ranker_type_that_cannot_serve_fails_with_the_reason(string id, string rankerType, string expected)
    {
        plugins.AddFaulty("faulty", id, rankerType);

        var entry = LoadAll().Single();

        Assert.Equal(RankerState.Failed, entry.State);
        Assert.Equal(id, entry.Id);
        Assert.Contains(expected, entry.Error);
    }

    [Fact]
    public void A_manifest_version_that_differs_from_the_metadata_fails()
    {
        PluginFolders.AddManifest(plugins.AddTemplate(), PluginFolders.Manifest(PluginFolders.TemplateId, "Template.dll", version: "2.0.0"));

        var entry = LoadAll().Single();

        Assert.Equal(RankerState.Failed, entry.State);
        Assert.Contains("Metadata.Version is '1.0.0' but plugin.json says '2.0.0'", entry.Error);
    }

    [Fact]
    public void One_broken_plugin_does_not_stop_the_others_and_folders_without_a_manifest_are_ignored()
    {
        plugins.AddFolder("a-broken", "{ not json");
        plugins.AddFolder("b-not-a-plugin", manifest: null);
        plugins.AddTemplate("c-template");

        var entries = LoadAll();

        Assert.Equal(["a-broken", PluginFolders.TemplateId], entries.Select(e => e.Id));
        Assert.Equal([RankerState.Failed, RankerState.Loaded], entries.Select(e => e.State));
    }

    [Fact]
    public void No_plugins_folder_means_no_plugins()
    {
        var loader = new PluginLoader(Path.Combine(plugins.Root, "absent"), plugins.Trust, NullLogger<PluginLoader>.Instance);

        Assert.Empty(loader.LoadAll());
    }

    [Fact]
    public void A_relative_plugins_path_is_taken_from_the_content_root()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "service"));

        Assert.Equal(Path.Combine(root, "ranking-plugins", "bin"), PluginLoader.ResolveFolder("ranking-plugins/bin", root));
        Assert.Equal(plugins.Root, PluginLoader.ResolveFolder(plugins.Root, root));
    }
}
