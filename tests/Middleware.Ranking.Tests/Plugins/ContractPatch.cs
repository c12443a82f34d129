using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Middleware.Ranking.Tests.Plugins;

/// <summary>Rewrites, in a copy of a real plugin build, the version of its reference to the ranking
/// contract: a plugin as it would be had it been compiled against another contract assembly.</summary>
internal static class ContractPatch
{
    public static void SetContractReference(string assemblyPath, Version version)
    {
        var bytes = File.ReadAllBytes(assemblyPath);
        int offset;
        using (var pe = new PEReader(new MemoryStream(bytes)))
        {
            var reader = pe.GetMetadataReader();
            var handle = reader.AssemblyReferences.Single(h =>
                reader.GetString(reader.GetAssemblyReference(h).Name) == typeof(IRanker).Assembly.GetName().Name);
            // An AssemblyRef row starts with four 2-byte version numbers (ECMA-335 II.22.5).
            offset = pe.PEHeaders.MetadataStartOffset
                + reader.GetTableMetadataOffset(TableIndex.AssemblyRef)
                + (MetadataTokens.GetRowNumber(handle) - 1) * reader.GetTableRowSize(TableIndex.AssemblyRef);
        }
        ushort[] parts = [(ushort)version.Major, (ushort)version.Minor, (ushort)Math.Max(version.Build, 0), (ushort)Math.Max(version.Revision, 0)];
        for (var i = 0; i < parts.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset + 2 * i), parts[i]);
        File.WriteAllBytes(assemblyPath, bytes);
    }
}
