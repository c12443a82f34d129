using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>Reads, without loading the assembly, which version of the ranking contract it was
/// compiled against (its reference to <c>Middleware.Ranking.Abstractions</c>), and refuses it when
/// that version cannot run here. The manifest's <c>contractVersion</c> is what the author says; this
/// is what the compiler recorded, and a wrong one would otherwise surface as a
/// <see cref="MissingMethodException"/> on every ranking.</summary>
internal static class ContractReference
{
    private static readonly string ContractAssembly = typeof(IRanker).Assembly.GetName().Name!;

    public static void Check(string assemblyName, byte[] image)
    {
        var version = Read(assemblyName, image)
            ?? throw PluginRefusedException.Failed($"{assemblyName} does not reference {ContractAssembly}, so it cannot hold a ranker.");
        if (ContractCompatibility.Problem($"{version.Major}.{version.Minor}") is { } problem)
            throw new PluginRefusedException(RankerState.Incompatible, $"{assemblyName} was compiled against {ContractAssembly} {version}. {problem}");
    }

    private static Version? Read(string assemblyName, byte[] image)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(image, writable: false));
            if (!pe.HasMetadata)
                throw PluginRefusedException.Failed($"'{assemblyName}' is not a loadable .NET assembly: it has no metadata.");
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                if (reader.StringComparer.Equals(reference.Name, ContractAssembly))
                    return reference.Version;
            }
            return null;
        }
        catch (BadImageFormatException e)
        {
            throw PluginRefusedException.Failed($"'{assemblyName}' is not a loadable .NET assembly: {e.Message}");
        }
    }
}
