using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Accounts;

namespace Middleware.Server.ClientApi;

/// <summary>Keeps <c>account_follows</c> for people who opted in to recording: reads whom they follow
/// from their home instance (with their token, paging by <c>Link</c>, bounded) and replaces what is
/// stored. It runs in the background, so the request that starts it never waits for the home
/// instance and never fails because of it; a failed read is logged and leaves the last list in place.</summary>
public sealed class FollowingSync(
    HomeInstanceClient home, IAccountFollowStore follows, IClientAccountStore accounts, IOptions<ClientApiOptions> options,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<FollowingSync> log)
{
    private const int PageSize = 80; // Mastodon's maximum for this list
    private readonly ConcurrentDictionary<long, DateTimeOffset> lastRead = new();
    private readonly ConcurrentDictionary<long, byte> running = new();

    // Writing and forgetting take turns, so a sync that read before an opt-out cannot write after it.
    private readonly SemaphoreSlim writeTurn = new(1, 1);
    private int readsStarted;

    /// <summary>How many background reads were started (for tests: a read starts before the request
    /// that asks for it answers, so a test can tell that none started without waiting).</summary>
    internal int ReadsStarted => Volatile.Read(ref readsStarted);

    /// <summary>After the preference was saved: opting in reads the list now (in the background);
    /// opting out (or staying out) deletes it before the request answers.</summary>
    public async Task PreferenceChangedAsync(ClientAccount before, string upstreamToken, RankingPreference now, CancellationToken ct)
    {
        if (now.RecordInteractions)
        {
            var account = before with { Preference = now };
            if (before.Preference.RecordInteractions)
                await SyncIfStaleAsync(account, upstreamToken, ct);
            else
                Start(account, upstreamToken);
            return;
        }
        await writeTurn.WaitAsync(ct);
        try
        {
            await follows.DeleteAsync(before.ActorUri, ct);
            lastRead.TryRemove(before.Id, out _);
        }
        finally
        {
            writeTurn.Release();
        }
    }

    /// <summary>Starts a read in the background when the person opted in and the list is older than
    /// <see cref="ClientApiOptions.FollowingSyncInterval"/> (or was never read). Only the first check
    /// after a start reads the store; later ones are answered from memory.</summary>
    public async Task SyncIfStaleAsync(ClientAccount account, string upstreamToken, CancellationToken ct)
    {
        if (!account.Preference.RecordInteractions)
            return;
        if (!lastRead.TryGetValue(account.Id, out var last))
            last = lastRead.GetOrAdd(account.Id, await follows.SyncedAtAsync(account.ActorUri, ct) ?? DateTimeOffset.MinValue);
        if (clock.GetUtcNow() - last >= options.Value.FollowingSyncInterval)
            Start(account, upstreamToken);
    }

    /// <summary>One read per person at a time; an attempt counts as a read for staleness, so a home
    /// instance that is down is not asked again on every request.</summary>
    private void Start(ClientAccount account, string upstreamToken)
    {
        lastRead[account.Id] = clock.GetUtcNow();
        if (!running.TryAdd(account.Id, 0))
            return;
        Interlocked.Increment(ref readsStarted);
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await SyncAsync(account, upstreamToken, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Shutting down; the next read after a start tries again.
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Reading whom {Account} follows from {Instance} failed; the last list stays.", account.Acct, account.InstanceHost);
            }
            finally
            {
                running.TryRemove(account.Id, out _);
            }
        });
    }

    private async Task SyncAsync(ClientAccount account, string upstreamToken, CancellationToken ct)
    {
        if (account.UpstreamId.Length == 0)
            return;
        var followed = await ReadFollowingAsync(account, upstreamToken, ct);
        await writeTurn.WaitAsync(ct);
        try
        {
            // The person may have opted out while the list was read: then nothing is written.
            if (await accounts.FindAsync(account.Id, ct) is { Preference.RecordInteractions: true } current)
                await follows.ReplaceAsync(current.ActorUri, followed, clock.GetUtcNow(), ct);
        }
        finally
        {
            writeTurn.Release();
        }
    }

    /// <summary>The actor ids (<c>uri</c>) of the accounts followed, at most
    /// <see cref="ClientApiOptions.FollowingMaxAccounts"/> over <see cref="ClientApiOptions.FollowingMaxPages"/> pages.</summary>
    private async Task<List<string>> ReadFollowingAsync(ClientAccount account, string upstreamToken, CancellationToken ct)
    {
        var settings = options.Value;
        var host = account.InstanceHost;
        var followed = new List<string>();
        string? path = $"/api/v1/accounts/{Uri.EscapeDataString(account.UpstreamId)}/following?limit={PageSize}";
        for (var page = 0; path is not null && page < settings.FollowingMaxPages && followed.Count < settings.FollowingMaxAccounts; page++)
        {
            var answer = await home.SendAsync(host, HttpMethod.Get, path, upstreamToken, null, ct);
            if (answer.Status is < 200 or > 299)
                throw new UpstreamException(502, $"The home instance {host} answered {answer.Status} to the following list.");
            using var json = JsonDocument.Parse(answer.Body);
            if (json.RootElement.ValueKind != JsonValueKind.Array)
                throw new UpstreamException(502, $"The home instance {host} answered the following list with something that is not a list.");
            followed.AddRange(json.RootElement.EnumerateArray()
                .Select(a => a.ValueKind == JsonValueKind.Object ? a.String("uri") : null)
                .Where(JsonReading.IsHttpUri)
                .Select(uri => uri!)
                .Take(settings.FollowingMaxAccounts - followed.Count));
            path = UpstreamLinks.Next(answer, home.BaseUri(host));
        }
        return followed;
    }
}
