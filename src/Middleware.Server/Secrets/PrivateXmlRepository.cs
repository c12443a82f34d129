using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Middleware.Data;

namespace Middleware.Server.Secrets;

/// <summary>The Data Protection key ring as one XML file per key in a folder, as the framework's
/// file-system repository keeps it, but with the folder created 0700 and every file 0600 from the
/// moment it exists (the framework's files get the process's umask, usually 0644).</summary>
public sealed class PrivateXmlRepository(string folder) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!Directory.Exists(folder))
            return [];
        return Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal)
            .Select(path => XElement.Load(path)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        PrivateFiles.CreateFolder(folder);
        var name = IsSafe(friendlyName) ? friendlyName : Guid.NewGuid().ToString();
        // Written whole to a temporary file, then renamed: a reader never sees half a key.
        var temporary = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".tmp");
        using (var file = PrivateFiles.CreateNew(temporary))
            element.Save(file);
        File.Move(temporary, Path.Combine(folder, name + ".xml"), overwrite: false);
    }

    private static bool IsSafe(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
