using System.Data.Common;

namespace Middleware.Data.Ingest;

/// <summary>The one connection and transaction that all changes of one activity share.</summary>
internal sealed record ChangeScope(WriterSession Session, DbTransaction Transaction, long Now, CancellationToken Ct)
{
    public DbConnection Connection => Session.Connection;

    /// <summary>Runs a statement whose parameters are the properties of <paramref name="param"/>.
    /// Always pass the same anonymous shape for a given statement.</summary>
    public Task<int> ExecuteAsync(string sql, object param) => Session.ExecuteAsync(sql, param, Transaction, Ct);

    /// <summary>Runs the statements in order, in one round trip where the driver takes batches
    /// (<see cref="WriterSession.ExecuteAllAsync"/>); returns the rows each changed.</summary>
    public Task<int[]> ExecuteAllAsync(IReadOnlyList<(string Sql, object Param)> statements) =>
        Session.ExecuteAllAsync(statements, Transaction, Ct);
}
