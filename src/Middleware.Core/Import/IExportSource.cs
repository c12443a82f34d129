namespace Middleware.Core.Import;

/// <summary>One record of an export, in the import's terms, so what is exported imports back as it was.</summary>
public abstract record ExportRecord;

/// <summary>An account's creation time and discovery consent.</summary>
public sealed record ExportedAccount(ImportedAccount Account) : ExportRecord;

/// <summary>A stored public post.</summary>
public sealed record ExportedPost(ImportedPost Post) : ExportRecord;

/// <summary>An interaction, or a serving of a post (<see cref="ImportedKind.Seen"/>).</summary>
public sealed record ExportedInteraction(ImportedInteraction Interaction) : ExportRecord;

/// <summary>Which posts to export: published in [<paramref name="From"/>, <paramref name="To"/>),
/// each bound optional. Interactions are those on the exported posts recorded before <paramref name="To"/>.</summary>
public sealed record ExportRange(DateTimeOffset? From, DateTimeOffset? To);

/// <summary>Reads the store for <c>GET /api/admin/export</c>: accounts, then posts in publication
/// order, then interactions in time order, all from one consistent view, one record at a time.</summary>
public interface IExportSource
{
    IAsyncEnumerable<ExportRecord> ReadAsync(ExportRange range, CancellationToken ct = default);
}
