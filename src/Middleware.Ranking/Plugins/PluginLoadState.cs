using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>One plugin folder as an admin sees it: what serves now and what the last attempt said.</summary>
/// <param name="Id">The plugin's id (the folder name when no manifest could be read).</param>
/// <param name="Folder">The plugin's folder.</param>
/// <param name="State">The catalog's state for it: <see cref="RankerState.Loaded"/> while a version serves,
/// even when a later reload failed.</param>
/// <param name="LoadedVersion">The version that serves, or null when none does.</param>
/// <param name="LoadedAt">When that version was loaded (start-up or a reload), or null.</param>
/// <param name="LastError">Why the last load or reload did not take, or null when it did.</param>
/// <param name="LastAttemptAt">When it was last loaded or reloaded, successfully or not.</param>
public sealed record PluginLoadState(
    string Id, string Folder, RankerState State, string? LoadedVersion, DateTimeOffset? LoadedAt, string? LastError, DateTimeOffset? LastAttemptAt);
