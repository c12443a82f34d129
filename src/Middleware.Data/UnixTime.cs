namespace Middleware.Data;

/// <summary>Every timestamp is stored as BIGINT unix milliseconds (UTC): sortable and portable.</summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    /// <summary>The exclusive upper bound of what was known as of <paramref name="asOf"/> (replay);
    /// without one, everything stored.</summary>
    public static long Until(DateTimeOffset? asOf) => asOf is { } moment ? ToMs(moment) : long.MaxValue;

    public static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromMs(long? value) =>
        value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
