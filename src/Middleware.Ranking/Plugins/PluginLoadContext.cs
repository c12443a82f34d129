using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Loader;

namespace Middleware.Ranking.Plugins;

/// <summary>The load context of one plugin folder. The plugin's own dependencies (listed in its
/// <c>.deps.json</c> or lying beside its main assembly) load from its folder, so two plugins may use
/// different versions of a library. The ranking contract and the shared framework always come from
/// the host, even when the folder holds a copy: a second copy of <see cref="IRanker"/> would be a
/// different type, and the host could not call the plugin through it.</summary>
/// <remarks>Collectible, so that a reloaded plugin's old version can go (ADR 0031): <see cref="Unload"/>
/// only starts that; the memory is freed once no ranking still holds the old ranker.</remarks>
internal sealed class PluginLoadContext(string name, string mainAssemblyPath)
    : AssemblyLoadContext($"ranking-plugin:{name}", isCollectible: true)
{
    private static readonly string ContractAssembly = typeof(IRanker).Assembly.GetName().Name!;
    private static readonly FrozenSet<string> FrameworkAssemblies = ListFrameworkAssemblies();

    private readonly AssemblyDependencyResolver resolver = new(mainAssemblyPath);

    /// <summary>True when the host, not the plugin, provides this assembly.</summary>
    public static bool IsShared(AssemblyName assembly) =>
        assembly.Name is { } simple && (simple == ContractAssembly || FrameworkAssemblies.Contains(simple));

    /// <summary>Starts unloading the context that holds <paramref name="ranker"/>, when it is a
    /// plugin's; a built-in ranker is left alone.</summary>
    public static void UnloadOwnerOf(IRanker? ranker)
    {
        if (ranker is not null && GetLoadContext(ranker.GetType().Assembly) is PluginLoadContext { IsCollectible: true } context)
            context.Unload();
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Null hands the request to the default context, i.e. the host's copy.
        if (IsShared(assemblyName))
            return null;
        return resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    // The host's trusted platform assemblies that live under the dotnet "shared" folder are the
    // framework (Microsoft.NETCore.App, Microsoft.AspNetCore.App). In a self-contained host every
    // trusted assembly counts, which errs on the side of the host's copy.
    private static FrozenSet<string> ListFrameworkAssemblies()
    {
        var coreLib = typeof(object).Assembly.Location;
        var sharedRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(coreLib))) ?? "";
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.StartsWith(sharedRoot, StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
