namespace Middleware.Server.Configuration;

/// <summary>An exclusive lock on <c>{DataDirectory}/middleware.lock</c>, held for the life of the
/// process: two processes writing one SQLite file would each assume they are the only writer (ADR 0008)
/// and both run the inbox and delivery workers. Released when the container is disposed or the process
/// exits, however it exits (the operating system drops the lock).</summary>
public sealed class DataDirectoryLock(Microsoft.Extensions.Options.IOptions<MiddlewareOptions> options) : IDisposable
{
    public const string FileName = "middleware.lock";

    private FileStream? _held;

    public string Path { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(options.Value.DataDirectory, FileName));

    /// <summary>Takes the lock; null when taken, else why not.</summary>
    public string? TryAcquire()
    {
        if (_held is not null)
            return null;
        try
        {
            // The lock may be the first thing in the data folder (on PostgreSQL no database file comes
            // before it), and the folder holds the admin token and the keys: the owner's alone (0700).
            Middleware.Data.PrivateFiles.CreateFolder(System.IO.Path.GetDirectoryName(Path)!);
            // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows.
            _held = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _held.SetLength(0);
            using (var writer = new StreamWriter(_held, leaveOpen: true))
                writer.Write(Environment.ProcessId);
            _held.Flush();
            return null;
        }
        catch (IOException)
        {
            return $"Another Middleware process is using the data directory {System.IO.Path.GetDirectoryName(Path)} (it holds {Path}). "
                + "Stop it, or give this one its own Middleware:DataDirectory. The service did not start.";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"The data directory lock {Path} cannot be written: {e.Message} The service did not start.";
        }
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
