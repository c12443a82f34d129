namespace Middleware.Data;

/// <summary>Folders and files only the service's own user may read: the database holds actors'
/// private keys, the data folder the admin token and the Data Protection keys. They are created
/// with these modes rather than changed afterwards, so that there is no moment at which another
/// user could open them. Existing folders and files keep the mode they have. On Windows, where
/// Unix modes do not apply, they inherit the folder's access control list.</summary>
public static class PrivateFiles
{
    /// <summary>rwx for the owner only (0700).</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner only (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) with mode 0700 when it does not exist.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Opens a new file at <paramref name="path"/> with mode 0600; fails if it exists.</summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        return new FileStream(path, options);
    }

    /// <summary>Creates an empty file at <paramref name="path"/> with mode 0600 unless one exists
    /// (SQLite then opens it, and gives its -wal and -shm files the same mode).</summary>
    public static void EnsureFile(string path)
    {
        try
        {
            using var _ = CreateNew(path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by another process or an earlier start: keep it as it is.
        }
    }
}
