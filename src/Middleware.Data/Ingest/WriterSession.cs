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

    /// <summary>As <see cref="ExecuteAsync"/>, returning the first column of every row as numbers.</summary>
    public async Task<List<long>> QueryNumbersAsync(string sql, object param, DbTransaction tx, CancellationToken ct)
    {
        var numbers = new List<long>();
        await using var reader = await Prepare(sql, param, tx).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            numbers.Add(reader.GetInt64(0));
        return numbers;
    }

    /// <summary>Runs each statement with its parameters, in order, and returns the rows each changed.
    /// Where the driver takes batches (Npgsql), all of them go to the server in one round trip, as one
    /// <see cref="DbBatch"/>, instead of a round trip each; elsewhere (SQLite, in process) each runs
    /// through its kept prepared command. Either way they run in <paramref name="tx"/>, and the first
    /// error ends the call.</summary>
    public async Task<int[]> ExecuteAllAsync(IReadOnlyList<(string Sql, object Param)> statements, DbTransaction tx, CancellationToken ct)
    {
        var changed = new int[statements.Count];
        if (statements.Count == 0)
            return changed;
        if (statements.Count == 1 || !Connection.CanCreateBatch)
        {
            for (var i = 0; i < statements.Count; i++)
                changed[i] = await ExecuteAsync(statements[i].Sql, statements[i].Param, tx, ct);
            return changed;
        }

        await using var batch = Connection.CreateBatch();
        batch.Transaction = tx;
        foreach (var (sql, param) in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var property in PropertiesOf(param.GetType()))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + property.Name;
                parameter.Value = property.GetValue(param) ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
        for (var i = 0; i < changed.Length; i++)
            changed[i] = batch.BatchCommands[i].RecordsAffected;
        return changed;
    }

    private static PropertyInfo[] PropertiesOf(Type shape) =>
        Properties.GetOrAdd(shape, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance));

    private DbCommand Prepare(string sql, object param, DbTransaction tx)
    {
        var shape = param.GetType();
        var properties = PropertiesOf(shape);
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
