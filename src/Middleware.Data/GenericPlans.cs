namespace Middleware.Data;

/// <summary>PostgreSQL: prepared statements of the ingest path keep one generic plan instead of being
/// planned again at every execution (ADR 0045).
///
/// PostgreSQL plans a prepared statement for its parameters' values the first five times, then keeps
/// the generic plan only if its estimated cost is no higher than theirs. For a statement that takes
/// arrays (the batch append, the "done" marks, a post's hashtags and mentions), the generic plan must
/// guess the arrays' length and is costed higher than plans made for short ones, so the server planned
/// these statements again on every call: about a tenth of its CPU under ingest. Their rows are found by
/// key (ids, uris, an actor's pending entries), so a plan made for particular values is no better.
/// The setting is local to the transaction it is set in; statements whose plans do depend on the
/// values (claims over ranges of time and ids, reads) are not run under it.</summary>
internal static class GenericPlans
{
    /// <summary>A select-list expression that turns the setting on until the end of the current
    /// transaction, including an implicit one (several statements sent before one Sync). It takes
    /// effect for the statements bound after it.</summary>
    public const string ForThisTransaction = "set_config('plan_cache_mode', 'force_generic_plan', true)";
}
