using System.IO.Compression;
using System.Text;
using Middleware.Core.Ranking;

namespace Middleware.Ranking.Bridging;

/// <summary>A fitted snapshot as bytes, for the model store: a version byte, then the snapshot's
/// fields in order, Brotli-compressed (about 30 bytes a post). A format this service did not write
/// (another version, a truncated row) is refused with <see cref="InvalidDataException"/>.</summary>
internal static class SnapshotFormat
{
    private const byte Version = 1;

    public static byte[] Write(BridgingSnapshot s)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(brotli, Encoding.UTF8))
        {
            w.Write(Version);
            w.Write(s.FittedAt.ToUnixTimeMilliseconds());
            w.Write(s.ColdStartScore);
            Side(w, s.SideA);
            Side(w, s.SideB);
            w.Write(s.Posts.Count);
            foreach (var (uri, p) in s.Posts)
            {
                w.Write(uri);
                w.Write(p.Intercept);
                w.Write(p.Factor);
                w.Write(p.Evidence);
                w.Write(p.EndorsersA);
                w.Write(p.EndorsersB);
                w.Write(p.Endorsers);
                w.Write(p.Coordinated);
                w.Write(p.CoordinatedGroups);
            }
            w.Write(s.Groups.Count);
            foreach (var g in s.Groups)
                Group(w, g);
        }
        return buffer.ToArray();
    }

    public static BridgingSnapshot Read(byte[] bytes)
    {
        try
        {
            using var brotli = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var r = new BinaryReader(brotli, Encoding.UTF8);
            if (r.ReadByte() != Version)
                throw new InvalidDataException("The stored bridging model was written by another version of the service.");
            var fittedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());
            var coldStart = r.ReadDouble();
            var (a, b) = (Side(r), Side(r));
            var count = r.ReadInt32();
            var posts = new Dictionary<string, PostScore>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                posts[r.ReadString()] = new PostScore(r.ReadDouble(), r.ReadDouble(), r.ReadDouble(),
                    r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
            }
            var groups = new List<CoordinatedGroup>();
            for (var n = r.ReadInt32(); n > 0; n--)
                groups.Add(Group(r));
            return new BridgingSnapshot(posts, a, b, coldStart, fittedAt) { Groups = groups };
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            throw new InvalidDataException("The stored bridging model is damaged.", e);
        }
    }

    private static void Side(BinaryWriter w, SideProfile side)
    {
        w.Write(side.Name);
        w.Write(side.Accounts);
        w.Write(side.TopInstance ?? "");
        w.Write(side.TopInstanceShare);
    }

    private static SideProfile Side(BinaryReader r)
    {
        var (name, accounts, top, share) = (r.ReadString(), r.ReadInt32(), r.ReadString(), r.ReadDouble());
        return new SideProfile(name, accounts, top.Length == 0 ? null : top, share);
    }

    private static void Group(BinaryWriter w, CoordinatedGroup g)
    {
        w.Write(g.Kind);
        w.Write(g.Score);
        w.Write(g.Members.Count);
        foreach (var m in g.Members)
            w.Write(m);
        w.Write(g.Posts.Count);
        foreach (var p in g.Posts)
        {
            w.Write(p.Post);
            w.Write(p.Members);
            w.Write(p.First.ToUnixTimeSeconds());
            w.Write(p.Last.ToUnixTimeSeconds());
        }
        w.Write(g.Reasons.Count);
        foreach (var reason in g.Reasons)
            w.Write(reason);
    }

    private static CoordinatedGroup Group(BinaryReader r)
    {
        var (kind, score) = (r.ReadString(), r.ReadDouble());
        var members = Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadString()).ToList();
        var posts = Enumerable.Range(0, r.ReadInt32())
            .Select(_ => new CoordinatedPost(r.ReadString(), r.ReadInt32(), DateTimeOffset.FromUnixTimeSeconds(r.ReadInt64()), DateTimeOffset.FromUnixTimeSeconds(r.ReadInt64())))
            .ToList();
        var reasons = Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadString()).ToList();
        return new CoordinatedGroup(kind, score, members, posts, reasons);
    }
}
