namespace Middleware.Server.Delivery;

/// <summary>Mastodon's delivery backoff (Sidekiq's formula, 16 retries): count⁴ + 15 s plus
/// jitter of up to 10 × (count + 1) s. The last retry comes about two days after the first try.</summary>
public static class RetrySchedule
{
    public const int MaxAttempts = 17;

    public static TimeSpan Delay(int retryCount, Random random) =>
        TimeSpan.FromSeconds(Math.Pow(retryCount, 4) + 15 + random.Next(10) * (retryCount + 1));
}
