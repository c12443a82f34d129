namespace Middleware.Ranking.Plugins;

/// <summary>The <c>Middleware:Ranking:Plugins</c> section: which plugin folders may load. A folder
/// is code the service runs, so only what the operator listed (by id and the SHA-256 of its main
/// assembly) is loaded; a file written into the plugins folder is not enough.</summary>
public sealed class PluginTrustOptions
{
    /// <summary>The plugins that may load, each with the hash of its main assembly.</summary>
    public List<AllowedPlugin> Allowed { get; set; } = [];

    /// <summary>Load plugins that are not listed, with a warning. Honoured only in the Development
    /// environment (ADR 0026); elsewhere it is ignored and logged as an error.</summary>
    public bool AllowUnlisted { get; set; }

    /// <summary>Reload the plugins when their folder changes on disk (<see cref="PluginFolderWatcher"/>);
    /// off by default, on in Development. Without it, reload with <c>POST /api/admin/plugins/reload</c>.</summary>
    public bool Watch { get; set; }
}

/// <summary>One entry of <c>Middleware:Ranking:Plugins:Allowed</c>.</summary>
public sealed class AllowedPlugin
{
    /// <summary>The plugin's id, as in its <c>plugin.json</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>SHA-256 of the main assembly's bytes, hex (what <c>sha256sum</c> prints).</summary>
    public string Sha256 { get; set; } = "";
}
