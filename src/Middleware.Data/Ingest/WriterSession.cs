using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;

namespace Middleware.Data.Ingest;

/// <summary>A connection that keeps its commands prepared across <see cref="ChangeWriter"/> calls.
/// Compiling a statement costs several times more than running it, and ingest runs the same dozen
/// statements thousands of times a second, so the hot path prepares each once per connection
/// instead of once per call (Dapper always builds a fresh command).</summary>
internal sealed class WriterSession(DbConnection connection) : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    private readonly Dictionary<(string Sql, Type Shape), DbCommand> _commands = new();

    public DbConnection Connection { get; } = connection;

    /// <summary>Runs <paramref name="sql"/> with the public properties of <paramref name="param"/> as
    /// its <c>@Name</c> parameters; returns the number of rows changed.</summary>
    public async Task<int> ExecuteAsync(string sql, object param, DbTransaction tx, CancellationToken ct) =>
        await Prepare(sql, param, tx).ExecuteNonQueryAsync(ct);

    /// <summary>As <see cref="ExecuteAsync"/>, returning the first column of the first row as a number
    /// (0 when there is no row).</summary>
    public async Task<long> ScalarAsync(string sql, object param, DbTransaction tx, CancellationToken ct) =>
        await Prepare(sql, param, tx).ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private DbCommand Prepare(string sql, object param, DbTransaction tx)
    {
        var shape = param.GetType();
        var properties = Properties.GetOrAdd(shape, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance));
        if (!_commands.TryGetValue((sql, shape), out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var property in properties)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + property.Name;
                command.Parameters.Add(parameter);
            }

            _commands.Add((sql, shape), command);
        }

        command.Transaction = tx;
        for (var i = 0; i < properties.Length; i++)
        {
            command.Parameters[i].Value = properties[i].GetValue(param) ?? DBNull.Value;
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
