namespace Middleware.Interop.Tests.Peer;

/// <summary>Finds the checkout this test assembly was built from.</summary>
public static class RepositoryRoot
{
    /// <summary>
    /// The folder holding <c>Middleware.sln</c>, found by walking up from
    /// <see cref="AppContext.BaseDirectory"/> (tests run from <c>bin/…</c> inside the checkout).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No ancestor folder holds Middleware.sln.</exception>
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Middleware.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException(
            $"No folder containing Middleware.sln above {AppContext.BaseDirectory}.");
    }
}
