using System.Reflection;

namespace Middleware.Ranking.Plugins;

/// <summary>Finds the ranker class in a plugin's assembly, creates it and checks that it says it is
/// the ranker its manifest announced.</summary>
internal static class RankerActivation
{
    public static (IRanker Ranker, RankerMetadata Metadata) Activate(Assembly assembly, PluginManifest manifest)
    {
        var type = FindRankerType(assembly, manifest);
        IRanker ranker;
        try
        {
            ranker = (IRanker)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw PluginRefusedException.Failed($"The constructor of {type.FullName} threw {inner.GetType().Name}: {inner.Message}");
        }

        RankerMetadata? metadata;
        try
        {
            metadata = ranker.Metadata;
        }
        catch (Exception e)
        {
            throw PluginRefusedException.Failed($"{type.FullName}.Metadata threw {e.GetType().Name}: {e.Message}");
        }
        if (metadata is null)
            throw PluginRefusedException.Failed($"{type.FullName}.Metadata is null.");
        if (metadata.Id != manifest.Id)
            throw PluginRefusedException.Failed($"{type.FullName}.Metadata.Id is '{metadata.Id}' but {PluginManifest.FileName} says '{manifest.Id}'; they must be equal.");
        // Feeds record the ranker's version with what it ranked; the manifest's version is what an
        // admin reads before loading. Two different versions would make that record ambiguous.
        if (metadata.Version != manifest.Version)
            throw PluginRefusedException.Failed($"{type.FullName}.Metadata.Version is '{metadata.Version}' but {PluginManifest.FileName} says '{manifest.Version}'; they must be equal.");
        return (ranker, metadata);
    }

    private static Type FindRankerType(Assembly assembly, PluginManifest manifest)
    {
        if (manifest.RankerType is { } name)
        {
            var named = assembly.GetType(name, throwOnError: false)
                ?? throw PluginRefusedException.Failed($"The assembly {manifest.Assembly} has no type '{name}' (rankerType in {PluginManifest.FileName}).");
            return IsUsable(named) ? named
                : throw PluginRefusedException.Failed($"'{name}' must be a public, non-abstract class that implements {typeof(IRanker).FullName} and has a public parameterless constructor.");
        }

        Type[] exported;
        try
        {
            exported = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw PluginRefusedException.Failed($"The types of {manifest.Assembly} could not be read (a dependency is missing from the plugin folder?): {e.Message}");
        }
        var usable = exported.Where(IsUsable).ToList();
        return usable.Count switch
        {
            1 => usable[0],
            0 => throw PluginRefusedException.Failed(
                $"{manifest.Assembly} has no public, non-abstract class implementing {typeof(IRanker).FullName} (contract {RankingContract.Version}) with a public parameterless constructor."),
            _ => throw PluginRefusedException.Failed(
                $"{manifest.Assembly} has {usable.Count} ranker classes ({string.Join(", ", usable.Select(t => t.FullName))}); name one as rankerType in {PluginManifest.FileName}."),
        };
    }

    private static bool IsUsable(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsVisible: true, ContainsGenericParameters: false }
        && typeof(IRanker).IsAssignableFrom(type)
        && type.GetConstructor(Type.EmptyTypes) is not null;
}
