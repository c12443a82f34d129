using System.Data.Common;

namespace Middleware.Data.Ingest;

/// <summary>The one connection and transaction that all changes of one activity share.</summary>
internal sealed record ChangeScope(WriterSession Session, DbTransaction Transaction, long Now, CancellationToken Ct)
{
    public DbConnection Connection => Session.Connection;

    /// <summary>Runs a statement whose parameters are the properties of <paramref name="param"/>.
    /// Always pass the same anonymous shape for a given statement.</summary>
    public Task<int> ExecuteAsync(string sql, object param) => Session.ExecuteAsync(sql, param, Transaction, Ct);

    /// <summary>Runs the statement once per element, reusing the prepared command.</summary>
    public async Task ExecuteEachAsync(string sql, IEnumerable<object> rows)
    {
        foreach (var row in rows)
        {
            await Session.ExecuteAsync(sql, row, Transaction, Ct);
        }
    }
}
