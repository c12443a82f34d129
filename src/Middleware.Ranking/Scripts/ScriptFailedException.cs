namespace Middleware.Ranking.Scripts;

/// <summary>A user script was stopped or misbehaved while ranking (ran too long, used too much
/// memory, recursed too deep, threw, or returned something that is not a number). The runner falls
/// back to chronological order and shows <see cref="Exception.Message"/> to the user.</summary>
public sealed class ScriptFailedException(string message) : Exception(message);
