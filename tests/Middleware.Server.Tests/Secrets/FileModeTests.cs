using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Server.Admin;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Secrets;

/// <summary>The data folder and every secret in it are the service user's alone from the moment they
/// exist (issue 11): the database (actors' private keys), its -wal and -shm (when it is SQLite), the
/// generated admin token and the Data Protection keys.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task The_data_folder_is_0700_and_the_database_token_and_keys_0600()
    {
        Assert.False(OperatingSystem.IsWindows(), "these tests run on Unix");
        var root = Path.Combine(Path.GetTempPath(), "middleware-tests", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        await using var service = new MiddlewareFactory(data);
        Directory.Delete(data); // the service creates it
        service.Settings["Middleware:AdminToken"] = "";

        using var client = service.CreateClient();
        Assert.True((await client.GetAsync("/.well-known/nodeinfo")).IsSuccessStatusCode);
        service.Services.GetRequiredService<AdminToken>();
        service.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("secret");

        Assert.Equal(Folder, File.GetUnixFileMode(data));
        // On PostgreSQL the database and the Data Protection key ring are the server's (the key ring in a
        // table every node reads, ADR 0037), not files here; the token still is.
        string[] files = TestPostgresDatabase.Selected
            ? ["admin-token"]
            : ["middleware.db", "middleware.db-wal", "middleware.db-shm", "admin-token"];
        var secrets = files.Select(name => Path.Combine(data, name)).ToList();
        if (!TestPostgresDatabase.Selected)
        {
            Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(data, "keys")));
            secrets.AddRange(Directory.GetFiles(Path.Combine(data, "keys")));
            Assert.Contains(secrets, path => path.EndsWith(".xml", StringComparison.Ordinal));
        }
        Assert.All(secrets, path => Assert.Equal((path, Secret), (path, File.GetUnixFileMode(path))));
    }
}
