using Middleware.Interop.Tests.Peer;

namespace Middleware.Interop.Tests.Federation;

/// <summary>HTTP Signatures as Fedify makes them, both specs: accepted when right, refused (and
/// nothing stored) when damaged.</summary>
public sealed class SignatureTests
{
    public static TheoryData<PeerSignatureSpec> Specs => [PeerSignatureSpec.Rfc9421, PeerSignatureSpec.Cavage];

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Correct_signatures_are_accepted_and_stored(PeerSignatureSpec spec)
    {
        await using var network = await TestNetwork.StartAsync(new FedifyPeerOptions { FirstKnock = spec });
        var (service, peer) = network;

        // raw never double-knocks: a 202 here proves this very spec verified.
        var rawNote = RawActivities.NewNoteId(peer, "alice");
        var sent = await peer.SendRawAsync("alice", service.SharedInboxUrl,
            RawActivities.Create(peer, "alice", rawNote, "raw"), RawTamper.None, spec);
        Assert.True(sent.Status == 202, $"{sent.Status} {sent.Body}\n{network.Logs}");
        Assert.Equal(spec == PeerSignatureSpec.Rfc9421, sent.SentHeaders.ContainsKey("signature-input"));
        await service.WaitForPostAsync(rawNote);

        // Fedify's own delivery path, knocking first with this spec.
        var note = await peer.CreateNoteAsync(new NewNote("alice", "<p>via Fedify</p>") { Inbox = service.SharedInboxUrl });
        Assert.Equal([service.SharedInboxUrl], note.DeliveredTo);
        await service.WaitForPostAsync(note.Id);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Damaged_or_missing_signatures_get_401_and_nothing_is_stored(PeerSignatureSpec spec)
    {
        await using var network = await TestNetwork.StartAsync(new FedifyPeerOptions { FirstKnock = spec });
        var (service, peer) = network;
        var before = await service.StatsAsync();

        var refused = new List<string>();
        foreach (var tamper in new[] { RawTamper.Body, RawTamper.WrongKey, RawTamper.StaleDate, RawTamper.Unsigned })
        {
            var noteId = RawActivities.NewNoteId(peer, "alice");
            var sent = await peer.SendRawAsync("alice", service.SharedInboxUrl,
                RawActivities.Create(peer, "alice", noteId, tamper.ToString()), tamper, spec);
            Assert.True(sent.Status == 401, $"{tamper}: {sent.Status} {sent.Body}\n{network.Logs}");
            Assert.Contains("\"error\"", sent.Body);
            refused.Add(noteId);
        }

        // A correct send afterwards: once it is processed, anything stored before it would show too.
        var sentinel = RawActivities.NewNoteId(peer, "alice");
        var ok = await peer.SendRawAsync("alice", service.SharedInboxUrl,
            RawActivities.Create(peer, "alice", sentinel, "sentinel"), RawTamper.None, spec);
        Assert.Equal(202, ok.Status);
        await service.WaitForPostAsync(sentinel);
        var after = await service.WaitForStatsAsync(s => s.InboxPending == 0, "inbox drained");
        Assert.Equal(before.Posts + 1, after.Posts);
        Assert.Equal(before.InboxDone + 1, after.InboxDone);
        Assert.Equal(before.InboxRejected, after.InboxRejected);
        Assert.Equal(before.InboxFailed, after.InboxFailed);
        foreach (var noteId in refused)
        {
            Assert.Null(await service.GetPostAsync(noteId));
        }
    }
}
