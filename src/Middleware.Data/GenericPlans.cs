namespace Middleware.Data;

/// <summary>PostgreSQL: prepared statements of the ingest path keep one generic plan instead of being
/// planned again at every execution (ADR 0045).
///
/// PostgreSQL plans a prepared statement for its parameters' values the first five times, then keeps
/// the generic plan only if its estimated cost is no higher than theirs. For a statement that takes
/// arrays the generic plan must guess their length and can be costed higher than plans made for short
/// ones: the batch append was planned again on every call, and the ingest path's planning as a whole
/// was about a tenth of the server's CPU. The statements run under the setting (the append, and the
/// changes of a processing transaction, such as the post upsert with its hashtags and mentions) find
/// their rows by key, so a plan made for particular values is no better. The "done" marks run before
/// the setting and keep the default. The setting is local to the transaction it is set in;
/// statements whose plans do depend on the values (claims over ranges of time and ids, reads) are not
/// run under it.</summary>
internal static class GenericPlans
{
    /// <summary>A select-list expression that turns the setting on until the end of the current
    /// transaction, including an implicit one (several statements sent before one Sync). It takes
    /// effect for the statements bound after it.</summary>
    public const string ForThisTransaction = "set_config('plan_cache_mode', 'force_generic_plan', true)";
}
