using System.Runtime.Loader;
using Microsoft.Extensions.Logging.Abstractions;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Plugins;

namespace Middleware.Ranking.Tests.Plugins;

/// <summary>Only plugins the operator listed, with the hash of their main assembly, are loaded; and a
/// plugin compiled against a contract this host cannot run is refused before it is loaded.</summary>
public sealed class PluginTrustTests : IDisposable
{
    private readonly PluginFolders plugins = new();

    public void Dispose() => plugins.Dispose();

    private RankerEntry LoadOne(PluginTrust? trust = null) =>
        new PluginLoader(plugins.Root, trust ?? plugins.Trust, NullLogger<PluginLoader>.Instance).LoadAll().Single();

    // Load contexts are process-wide and tests run in parallel, so look for files of this folder only.
    private static bool AnythingLoadedFrom(string folder) =>
        AssemblyLoadContext.All.SelectMany(c => c.Assemblies)
            .Any(a => !a.IsDynamic && a.Location.StartsWith(folder, StringComparison.Ordinal));

    [Fact]
    public void A_plugin_folder_that_is_not_listed_is_not_allowed_and_nothing_of_it_is_loaded()
    {
        var folder = plugins.AddTemplate(listed: false);
        var hash = PluginTrust.Sha256(File.ReadAllBytes(Path.Combine(folder, "Template.dll")));

        var entry = LoadOne();

        Assert.Equal(RankerState.NotAllowed, entry.State);
        Assert.Equal(PluginFolders.TemplateId, entry.Id);
        Assert.Null(entry.Ranker);
        Assert.Contains("not listed in Middleware:Ranking:Plugins:Allowed", entry.Error);
        Assert.Contains(hash, entry.Error);
        Assert.False(AnythingLoadedFrom(folder));
    }

    [Fact]
    public void A_main_assembly_changed_after_it_was_listed_is_a_hash_mismatch_and_is_not_loaded()
    {
        var folder = plugins.AddTemplate();
        File.AppendAllText(Path.Combine(folder, "Template.dll"), "written later");

        var entry = LoadOne();

        Assert.Equal(RankerState.HashMismatch, entry.State);
        Assert.Contains($"lists {plugins.Allowed.Single().Sha256} for '{PluginFolders.TemplateId}'", entry.Error);
        Assert.False(AnythingLoadedFrom(folder));
    }

    [Fact]
    public void The_listed_hash_may_be_written_in_upper_case()
    {
        plugins.AddTemplate();
        var listed = plugins.Allowed.Single();

        var entry = LoadOne(PluginTrust.ListedOnly(new AllowedPlugin { Id = listed.Id, Sha256 = listed.Sha256.ToUpperInvariant() }));

        Assert.True(entry.State == RankerState.Loaded, entry.Error);
    }

    [Fact]
    public void Unlisted_plugins_load_when_allowed()
    {
        plugins.AddTemplate(listed: false);

        var entry = LoadOne(new PluginTrust([], allowUnlisted: true));

        Assert.True(entry.State == RankerState.Loaded, entry.Error);
    }

    [Theory]
    [InlineData("0.9.0.0", "the major versions differ")]
    [InlineData("2.0.0.0", "the major versions differ")]
    [InlineData("1.9.0.0", "newer than this service's")]
    public void A_plugin_compiled_against_another_contract_is_incompatible_whatever_its_manifest_says(string compiledAgainst, string why)
    {
        // The manifest still says 1.0; the compiled reference is what counts.
        var folder = plugins.AddTemplate(listed: false);
        var dll = Path.Combine(folder, "Template.dll");
        ContractPatch.SetContractReference(dll, Version.Parse(compiledAgainst));
        plugins.Allow(PluginFolders.TemplateId, dll);

        var entry = LoadOne();

        Assert.Equal(RankerState.Incompatible, entry.State);
        Assert.Contains($"compiled against Middleware.Ranking.Abstractions {compiledAgainst}", entry.Error);
        Assert.Contains(why, entry.Error);
        Assert.False(AnythingLoadedFrom(folder));
    }

    [Fact]
    public void The_contract_assembly_version_is_the_contract_version()
    {
        // Plugins record this assembly version when they are compiled; the loader compares it.
        var version = typeof(IRanker).Assembly.GetName().Version!;

        Assert.Equal((RankingContract.Major, RankingContract.Minor), (version.Major, version.Minor));
    }
}
