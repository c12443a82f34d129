using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Middleware.Interop.Tests.Peer;

// The typed client for the peer's /_control/ API. Each method maps to one route;
// see tests/interop/README.md for the wire format.
public sealed partial class FedifyPeer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <paramref name="account"/> fetches <paramref name="targetActor"/> (signed GET) and sends a
    /// Follow to its personal inbox. The answer shows in <see cref="GetFollowingAsync"/> (state
    /// <c>accepted</c>/<c>rejected</c>) and as an Accept/Reject in <see cref="GetReceivedAsync"/>.
    /// </summary>
    /// <returns>The Follow's id.</returns>
    public async Task<string> FollowAsync(string account, string targetActor, CancellationToken ct = default) =>
        (await PostAsync<SentActivity>("follow", new { @as = account, target = targetActor }, ct)).Id;

    /// <summary>Sends Undo(Follow) for an earlier <see cref="FollowAsync"/>; returns the Undo's id.</summary>
    public async Task<string> UnfollowAsync(string account, string targetActor, CancellationToken ct = default) =>
        (await PostAsync<SentActivity>("unfollow", new { @as = account, target = targetActor }, ct)).Id;

    /// <summary>
    /// Publishes a Note: stores it (so <c>GET</c> of its id serves it) and sends Create to the
    /// account's followers (shared inboxes preferred), mentioned actors and <see cref="NewNote.Inbox"/>.
    /// </summary>
    public Task<CreatedNote> CreateNoteAsync(NewNote note, CancellationToken ct = default) =>
        PostAsync<CreatedNote>("create", new
        {
            @as = note.Account,
            content = note.Content,
            to = note.Audience.ToString().ToLowerInvariant(),
            inbox = note.Inbox,
            summary = note.Summary,
            tags = note.Tags,
            language = note.Language,
            inReplyTo = note.InReplyTo,
            mentions = note.Mentions,
        }, ct);

    /// <summary>Edits a note and sends Update(Note) to the recipients of its Create.</summary>
    /// <param name="account">The note's author.</param>
    /// <param name="noteId">The id from <see cref="CreatedNote.Id"/>.</param>
    /// <param name="content">New HTML content.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<SentActivity> UpdateNoteAsync(string account, string noteId, string content, CancellationToken ct = default) =>
        PostAsync<SentActivity>("update", new { @as = account, id = noteId, content }, ct);

    /// <summary>
    /// Deletes a note: sends Delete(Tombstone) to the recipients of its Create; afterwards
    /// <c>GET</c> of the note answers 410 Gone with a Tombstone.
    /// </summary>
    public Task<SentActivity> DeleteNoteAsync(string account, string noteId, CancellationToken ct = default) =>
        PostAsync<SentActivity>("delete", new { @as = account, id = noteId }, ct);

    /// <summary>
    /// Boosts <paramref name="objectId"/>: Announce to the account's followers, plus
    /// <paramref name="inbox"/> if given, otherwise the object's author (the peer fetches the
    /// object to find <c>attributedTo</c>, as Mastodon does).
    /// </summary>
    public Task<SentActivity> AnnounceAsync(string account, string objectId, string? inbox = null, CancellationToken ct = default) =>
        PostAsync<SentActivity>("announce", new { @as = account, @object = objectId, inbox }, ct);

    /// <summary>Likes <paramref name="objectId"/>: Like to <paramref name="inbox"/>, or else to the object's author.</summary>
    public Task<SentActivity> LikeAsync(string account, string objectId, string? inbox = null, CancellationToken ct = default) =>
        PostAsync<SentActivity>("like", new { @as = account, @object = objectId, inbox }, ct);

    /// <summary>Sends Undo of an activity this peer sent earlier (Like, Announce, Follow…) to its original recipients.</summary>
    public Task<SentActivity> UndoAsync(string account, string activityId, CancellationToken ct = default) =>
        PostAsync<SentActivity>("undo", new { @as = account, activity = activityId }, ct);

    /// <summary>
    /// POSTs <paramref name="activity"/> to <paramref name="inbox"/> once, signed with the account's
    /// key (no double-knock, no retry), optionally damaged. Never throws for the target's status:
    /// read it from the result.
    /// </summary>
    public Task<RawDelivery> SendRawAsync(
        string account, string inbox, JsonNode activity, RawTamper tamper = RawTamper.None,
        PeerSignatureSpec signature = PeerSignatureSpec.Cavage, CancellationToken ct = default) =>
        PostAsync<RawDelivery>("raw", new
        {
            @as = account,
            inbox,
            activity,
            tamper = tamper switch
            {
                RawTamper.None => "none",
                RawTamper.Body => "body",
                RawTamper.WrongKey => "wrong-key",
                RawTamper.StaleDate => "stale-date",
                _ => "unsigned",
            },
            signature = signature == PeerSignatureSpec.Cavage ? "cavage" : "rfc9421",
        }, ct);

    /// <inheritdoc cref="SendRawAsync(string, string, JsonNode, RawTamper, PeerSignatureSpec, CancellationToken)"/>
    public Task<RawDelivery> SendRawAsync(
        string account, string inbox, string activityJson, RawTamper tamper = RawTamper.None,
        PeerSignatureSpec signature = PeerSignatureSpec.Cavage, CancellationToken ct = default) =>
        SendRawAsync(account, inbox, JsonNode.Parse(activityJson)!, tamper, signature, ct);

    /// <summary>
    /// Activities the peer's inboxes accepted, oldest first. With an account: its personal inbox
    /// plus shared-inbox deliveries from actors it follows or that mention it. Without: all.
    /// </summary>
    public Task<IReadOnlyList<ReceivedActivity>> GetReceivedAsync(
        string? account = null, string? type = null, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ReceivedActivity>>("received" + Query(("as", account), ("type", type)), ct);

    /// <summary>Polls <see cref="GetReceivedAsync"/> until an activity matches (for services that deliver from a queue).</summary>
    /// <exception cref="TimeoutException">Nothing matched within <paramref name="timeout"/> (default 15 s).</exception>
    public async Task<ReceivedActivity> WaitForReceivedAsync(
        string? account, Func<ReceivedActivity, bool> match, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var hit = (await GetReceivedAsync(account, null, ct)).FirstOrDefault(match);
            if (hit is not null)
            {
                return hit;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching activity reached {account ?? "any inbox"} on {BaseUrl}.\n{Log}");
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Every POST to an inbox of the peer, including rejected ones, with the status it got.</summary>
    public Task<IReadOnlyList<InboxRequest>> GetInboxRequestsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<InboxRequest>>("inbox-requests", ct);

    /// <summary>The remote actors following a local account.</summary>
    public Task<IReadOnlyList<PeerFollower>> GetFollowersAsync(string account, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<PeerFollower>>("followers" + Query(("as", account)), ct);

    /// <summary>The remote actors a local account has sent Follows to, with their state.</summary>
    public Task<IReadOnlyList<PeerFollowing>> GetFollowingAsync(string account, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<PeerFollowing>>("following" + Query(("as", account)), ct);

    /// <summary>Forgets the received activities and inbox requests (follow state is kept).</summary>
    public Task ClearReceivedAsync(CancellationToken ct = default) => PostAsync<JsonElement>("clear", new { }, ct);

    private async Task<T> GetAsync<T>(string route, CancellationToken ct)
    {
        using var response = await _http.GetAsync("/_control/" + route, ct);
        return await ReadAsync<T>(response, route, ct);
    }

    private async Task<T> PostAsync<T>(string route, object body, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("/_control/" + route, body, Json, ct);
        return await ReadAsync<T>(response, route, ct);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string route, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new FedifyPeerException(
                $"Peer control {route} answered {(int)response.StatusCode}: {text}\n{Log}", response.StatusCode);
        }
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
