using Dapper;
using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Middleware.Core.Inbox;
using Middleware.Server.Retention;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Retention;

/// <summary>The retention job on a simulated clock: what is older than its limit is trimmed, what is
/// younger (or still pending) is kept, and a trimmed inbox entry still refuses its activity id.</summary>
public sealed class RetentionTests : ServiceFixture
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);

    protected override void Configure(MiddlewareFactory service)
    {
        // Batches of two, so that three old entries take more than one batch.
        service.Settings["Middleware:Retention:BatchSize"] = "2";
        service.TestServices = services => services.AddSingleton<TimeProvider>(clock);
    }

    private DbConnection Database() => Service.OpenDatabaseAsync().GetAwaiter().GetResult();

    private static long Ms(TimeSpan ago) => Start.Add(-ago).ToUnixTimeMilliseconds();

    // Pending entries are due in a year, so the inbox worker leaves them alone during the test.
    private void AddInbox(string id, string state, TimeSpan processedAgo)
    {
        using var db = Database();
        db.Execute("""
            INSERT INTO inbox (activity_id, type, actor_uri, signer_uri, body, received_at, state, attempts, next_attempt_at, processed_at)
            VALUES (@id, 'Create', 'https://remote.example/users/a', 'https://remote.example/users/a', '{"type":"Create"}',
                    @received, @state, 1, @due, @processed)
            """, new
        {
            id, state, received = Ms(processedAgo + TimeSpan.FromMinutes(1)), due = Ms(TimeSpan.FromDays(-365)),
            processed = state == "pending" ? (long?)null : Ms(processedAgo),
        });
    }

    private (string Body, string Signer, string Type, string State, long ReceivedAt, long? ProcessedAt) Inbox(string id)
    {
        using var db = Database();
        return db.QuerySingle<(string, string, string, string, long, long?)>(
            "SELECT body, signer_uri, type, state, received_at, processed_at FROM inbox WHERE activity_id = @id", new { id });
    }

    private void AddDelivery(string activity, string state, TimeSpan queuedAgo)
    {
        using var db = Database();
        db.Execute("""
            INSERT INTO deliveries (activity_id, inbox_url, sender_username, body, attempts, next_attempt_at, state, created_at)
            VALUES (@activity, 'https://remote.example/inbox', 'buurt', '{}', 1, @due, @state, @created)
            """, new { activity, state, due = Ms(TimeSpan.FromDays(-365)), created = Ms(queuedAgo) });
    }

    [Fact]
    public async Task Processed_inbox_bodies_older_than_the_limit_are_dropped_and_the_activity_id_still_refuses_a_replay()
    {
        await Client.GetAsync("/healthz");
        AddInbox("https://remote.example/old-done", "done", TimeSpan.FromDays(8));
        AddInbox("https://remote.example/old-rejected", "rejected", TimeSpan.FromDays(30));
        AddInbox("https://remote.example/old-failed", "failed", TimeSpan.FromDays(7.5));
        AddInbox("https://remote.example/young-done", "done", TimeSpan.FromDays(6));
        AddInbox("https://remote.example/old-pending", "pending", TimeSpan.FromDays(30));
        var before = Inbox("https://remote.example/old-done");

        var report = await Service.Services.GetRequiredService<RetentionSweep>().RunAsync();

        Assert.Equal(3, report.InboxBodies);
        foreach (var old in new[] { "old-done", "old-rejected", "old-failed" })
            Assert.Equal("", Inbox($"https://remote.example/{old}").Body);
        Assert.Equal(before with { Body = "" }, Inbox("https://remote.example/old-done"));
        Assert.Equal("""{"type":"Create"}""", Inbox("https://remote.example/young-done").Body);
        Assert.Equal("""{"type":"Create"}""", Inbox("https://remote.example/old-pending").Body);

        var replay = await Service.Services.GetRequiredService<IInboxStore>().AppendAsync(
        [
            new NewInboxEntry("https://remote.example/old-done", "Create", "https://remote.example/users/a",
                "https://remote.example/users/a", """{"type":"Create","again":true}""", null, clock.GetUtcNow()),
        ]);
        Assert.Equal([false], replay);
        Assert.Equal("", Inbox("https://remote.example/old-done").Body);
    }

    [Fact]
    public async Task Finished_deliveries_older_than_the_limit_are_deleted_and_pending_ones_kept()
    {
        await Client.GetAsync("/healthz");
        AddDelivery("old-delivered", "delivered", TimeSpan.FromDays(15));
        AddDelivery("old-failed", "failed", TimeSpan.FromDays(20));
        AddDelivery("old-delivered-2", "delivered", TimeSpan.FromDays(14.5));
        AddDelivery("young-delivered", "delivered", TimeSpan.FromDays(13));
        AddDelivery("old-pending", "pending", TimeSpan.FromDays(30));

        var report = await Service.Services.GetRequiredService<RetentionSweep>().RunAsync();

        Assert.Equal(3, report.Deliveries);
        using var db = Database();
        Assert.Equal(["old-pending", "young-delivered"], db.Query<string>("SELECT activity_id FROM deliveries ORDER BY activity_id"));
    }

    [Fact]
    public async Task Served_positions_older_than_the_limit_leave_the_audit_and_younger_ones_stay()
    {
        await Client.GetAsync("/healthz");
        using (var db = Database())
        {
            db.Execute("INSERT INTO audit_feeds (id, name) VALUES (1, 'buurt')");
            db.Execute("""
                INSERT INTO audit_posts (id, uri, author, instance, language, published_at, coordination)
                VALUES (1, 'https://remote.example/notes/1', 'https://remote.example/users/a', 'remote.example', 'nl', 0, 0)
                """);
            foreach (var (position, days) in new[] { (0, 401.0), (1, 500.0), (2, 400.5), (3, 399.0), (4, 1.0) })
                db.Execute("""
                    INSERT INTO served_positions (feed_id, served_at, surface, position, post_id, baseline_post_id)
                    VALUES (1, @at, 1, @position, 1, 1)
                    """, new { position, at = Start.AddDays(-days).ToUnixTimeSeconds() });
        }

        var report = await Service.Services.GetRequiredService<RetentionSweep>().RunAsync();

        Assert.Equal(3, report.ServedPositions);
        using var after = Database();
        Assert.Equal([3, 4], after.Query<int>("SELECT position FROM served_positions ORDER BY position"));
    }

    [Fact]
    public async Task Expired_sign_in_state_and_web_sessions_are_deleted_and_live_ones_kept()
    {
        await Client.GetAsync("/healthz");
        long expired = Ms(TimeSpan.FromMinutes(1)), live = Ms(TimeSpan.FromMinutes(-10));
        using (var db = Database())
        {
            db.Execute("""
                INSERT INTO client_apps (client_id, client_secret, name, redirect_uris, scopes, created_at) VALUES ('app', 'x', 'App', 'urn:x', 'read', 0);
                INSERT INTO client_accounts (id, instance_host, upstream_id, acct, actor_uri, upstream_token, updated_at)
                VALUES (1, 'remote.example', '1', 'a@remote.example', 'https://remote.example/users/a', '', 0);
                """);
            foreach (var (name, expiresAt) in new[] { ("expired", expired), ("live", live) })
            {
                db.Execute("""
                    INSERT INTO oauth_pending_logins (state, client_id, redirect_uri, scopes, expires_at) VALUES (@name, 'app', 'urn:x', 'read', @expiresAt);
                    INSERT INTO oauth_codes (code_hash, client_id, account_id, redirect_uri, scopes, expires_at) VALUES (@name, 'app', 1, 'urn:x', 'read', @expiresAt);
                    INSERT INTO web_sign_ins (state, return_path, instance_host, browser_binding, expires_at) VALUES (@name, '/', 'remote.example', 'b', @expiresAt);
                    INSERT INTO web_sessions (token_hash, account_id, created_at, expires_at) VALUES (@name, 1, 0, @expiresAt);
                    """, new { name, expiresAt });
            }
        }

        var report = await Service.Services.GetRequiredService<RetentionSweep>().RunAsync();

        Assert.Equal(4, report.ExpiredSignIns);
        using var check = Database();
        foreach (var (table, key) in new[] { ("oauth_pending_logins", "state"), ("oauth_codes", "code_hash"), ("web_sign_ins", "state"), ("web_sessions", "token_hash") })
            Assert.Equal(["live"], check.Query<string>($"SELECT {key} FROM {table}"));
    }

    [Fact]
    public async Task The_job_runs_on_the_services_clock_after_its_start_up_delay()
    {
        await Client.GetAsync("/healthz");
        AddInbox("https://remote.example/scheduled", "done", TimeSpan.FromDays(8));
        var options = Service.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetentionOptions>>().Value;
        Assert.Equal("""{"type":"Create"}""", Inbox("https://remote.example/scheduled").Body);

        // Minute by minute: nothing happens before the start-up delay has passed on the fake clock.
        await Eventually.TrueAsync(() =>
        {
            if (clock.GetUtcNow() - Start < options.StartupDelay + TimeSpan.FromHours(2))
                clock.Advance(TimeSpan.FromMinutes(1));
            return Task.FromResult(Inbox("https://remote.example/scheduled").Body == "");
        }, "the scheduled retention run");
        Assert.True(clock.GetUtcNow() - Start >= options.StartupDelay);
    }
}
