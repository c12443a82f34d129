namespace Middleware.Data.Inbox;

/// <summary>Conditions on inbox rows that must not steer the planner to a partial index (ADR 0044).</summary>
internal static class InboxPredicates
{
    /// <summary>"Still pending", for statements that find their rows by id. Written as an expression,
    /// it implies neither partial index's predicate, so PostgreSQL finds the rows by the primary key:
    /// with the plain <c>state = 'pending'</c> it chose to scan a partial index whose statistics say
    /// it is nearly empty, and which under load holds thousands of entries of processed rows.</summary>
    public const string PendingById = "state || '' = 'pending'";
}
