using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Middleware.Data.Secrets;

namespace Middleware.Server.Secrets;

/// <summary>The Data Protection key ring in the shared database (PostgreSQL, ADR 0037): a secret
/// protected on one node is read on any other. The framework's repository contract is synchronous;
/// it is called when the key ring is first built and refreshed (about daily, and when a payload names
/// a key this node has not seen), never per request.</summary>
public sealed class DatabaseXmlRepository(KeyRingStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.AllAsync().GetAwaiter().GetResult().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = string.IsNullOrWhiteSpace(friendlyName) || friendlyName.Length > 200 ? Guid.NewGuid().ToString() : friendlyName;
        store.AddAsync(name, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
