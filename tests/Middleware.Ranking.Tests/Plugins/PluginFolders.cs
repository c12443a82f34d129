using System.Reflection;
using Middleware.Ranking.Plugins;

namespace Middleware.Ranking.Tests.Plugins;

/// <summary>A temporary plugins folder, filled per test with copies of real plugin builds (the
/// template and the faulty test rankers) and hand-written manifests. The plugins it adds are listed
/// in <see cref="Allowed"/> with their hashes unless a test says otherwise.</summary>
internal sealed class PluginFolders : IDisposable
{
    public const string TemplateId = "instance-and-media";

    public static string TemplateOutput { get; } = BuildOutput("TemplatePluginOutput");
    public static string FaultyOutput { get; } = BuildOutput("FaultyPluginOutput");
    public const string ReloadableId = "reloadable";

    public string Root { get; } = Directory.CreateTempSubdirectory("ranking-plugins-").FullName;

    /// <summary>What <c>Middleware:Ranking:Plugins:Allowed</c> would list for the plugins added.</summary>
    public List<AllowedPlugin> Allowed { get; } = [];

    /// <summary>Only the listed plugins load.</summary>
    public PluginTrust Trust => PluginTrust.ListedOnly([.. Allowed]);

    /// <summary>A copy of the template's build output, its own plugin.json included.</summary>
    public string AddTemplate(string folder = "template", bool listed = true)
    {
        var target = Copy(TemplateOutput, folder);
        if (listed)
            Allow(TemplateId, Path.Combine(target, "Template.dll"));
        return target;
    }

    /// <summary>A copy of the faulty rankers' build with a manifest naming one of them.</summary>
    public string AddFaulty(string folder, string id, string rankerType)
    {
        var target = AddManifest(Copy(FaultyOutput, folder), Manifest(id, "FaultyRanker.dll", rankerType: rankerType));
        Allow(id, Path.Combine(target, "FaultyRanker.dll"));
        return target;
    }

    /// <summary>Version <paramref name="major"/>.0.0 of the 'reloadable' test plugin in
    /// <paramref name="folder"/>, over whatever the folder held; listed when <paramref name="listed"/>.</summary>
    public string PutReloadable(string folder, int major, bool listed = true)
    {
        var target = Copy(BuildOutput($"ReloadPluginV{major}Output"), folder);
        AddManifest(target, Manifest(ReloadableId, "ReloadRanker.dll", version: $"{major}.0.0"));
        if (listed)
            Allow(ReloadableId, Path.Combine(target, "ReloadRanker.dll"));
        return target;
    }

    /// <summary>Lists <paramref name="id"/> with the SHA-256 of the file as it is now.</summary>
    public void Allow(string id, string assemblyPath) =>
        Allowed.Add(new AllowedPlugin { Id = id, Sha256 = PluginTrust.Sha256(File.ReadAllBytes(assemblyPath)) });

    /// <summary>An empty plugin folder with the given manifest text.</summary>
    public string AddFolder(string folder, string? manifest) =>
        manifest is null ? Directory.CreateDirectory(Path.Combine(Root, folder)).FullName
            : AddManifest(Directory.CreateDirectory(Path.Combine(Root, folder)).FullName, manifest);

    public static string AddManifest(string folder, string manifest)
    {
        File.WriteAllText(Path.Combine(folder, "plugin.json"), manifest);
        return folder;
    }

    public static string Manifest(string id, string assembly, string contract = "1.0", string version = "1.0.0", string? rankerType = null) =>
        $$"""
        { "id": "{{id}}", "version": "{{version}}", "contractVersion": "{{contract}}", "assembly": "{{assembly}}"{{(rankerType is null ? "" : $", \"rankerType\": \"{rankerType}\"")}} }
        """;

    public void Dispose()
    {
        // Loaded assemblies stay mapped (load contexts are not collectible); Linux lets us delete
        // them anyway, Windows may not, and a leftover temp folder is harmless.
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string Copy(string from, string folder)
    {
        var target = Directory.CreateDirectory(Path.Combine(Root, folder)).FullName;
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        return target;
    }

    private static string BuildOutput(string key)
    {
        var path = typeof(PluginFolders).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        return Directory.Exists(path) ? Path.GetFullPath(path)
            : throw new DirectoryNotFoundException($"{path} does not exist: the test project builds it through a ProjectReference.");
    }
}
