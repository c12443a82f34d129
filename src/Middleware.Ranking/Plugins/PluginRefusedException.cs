using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>Why one plugin folder gives no usable ranker. Thrown between the loading steps so that
/// each step can stop the load with one sentence; the loader turns it into a catalog entry.</summary>
internal sealed class PluginRefusedException(RankerState state, string message) : Exception(message)
{
    public RankerState State { get; } = state;

    public static PluginRefusedException Failed(string message) => new(RankerState.Failed, message);
}
