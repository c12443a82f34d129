using System.Globalization;
using System.Text;
using CsCheck;

namespace Middleware.Testing.Properties;

/// <summary>JSON text of arbitrary shape for the parser properties: any value a peer could send,
/// weighted towards what breaks readers (wrong types, huge numbers, odd strings, deep nesting,
/// duplicate keys, names the readers look for).</summary>
public static class JsonGen
{
    /// <summary>Member names the readers of this service look for, so random objects reach past the
    /// first check more often than with random names alone.</summary>
    public static readonly string[] DomainKeys =
    [
        "id", "type", "actor", "object", "to", "cc", "href", "rel", "links", "subject", "name", "content",
        "contentMap", "summary", "url", "uri", "inbox", "endpoints", "sharedInbox", "publicKey", "owner",
        "publicKeyPem", "attributedTo", "inReplyTo", "tag", "attachment", "published", "updated", "sensitive",
        "discoverable", "indexable", "account", "reblog", "created_at", "edited_at", "visibility", "tags",
        "mentions", "media_attachments", "spoiler_text", "language", "reblogs_count", "favourites_count",
        "replies_count", "in_reply_to_id", "filters", "weights", "decay", "caps", "blend", "ranker", "weight",
        "parameters", "recipe", "@context", "kind", "text", "author", "post", "at", "hashtags", "mediaCount",
    ];

    /// <summary>Strings that readers have to survive: empty, whitespace, controls, lone surrogates,
    /// right-to-left text, emoji, near-miss URIs and times, type names and very long text.</summary>
    public static readonly string[] OddStrings =
    [
        "", " ", "\t\n", "\0", "\uD800", "\uDC00x", "\u202Eevil", "👩‍👩‍👧", "ǅ", "İ", "ß", "\uFEFF",
        "https://example.social/users/a", "https://example.social/users/a/statuses/1", "http://[::1]:99999/",
        "https://ex ample.social/", "https://", "//example.social/a", "acct:a@example.social", "urn:x:1",
        "file:///etc/passwd", "javascript:alert(1)", "https://EXAMPLE.social:443/a", "https://example.social:0/",
        "2024-02-30T25:61:00Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2025-01-07T10:00:00Z",
        "2025-01-07", "-1", "1e999", "NaN", "true", "null", "Note", "Create", "Announce", "Person", "Hashtag",
        "Mention", "public", "unlisted", "self", "application/activity+json", "Public", "#", "##tag", "nl",
        "rk-abc-1", "rk--", "rk-a-99999999999", "<p>a<br>b</p>", "<" + new string('a', 300), "&amp;&#xFFFFFF;",
        "chronological", "recipe", "favourite", "post", "interaction", "account",
        new string('a', 5000), new string('é', 300),
    ];

    /// <summary>Number literals of every size and form JSON allows, and the edges of int and long.</summary>
    public static readonly string[] OddNumbers =
    [
        "0", "-0", "1", "-1", "0.5", "1.0", "1e400", "-1e400", "1E-400", "4.9e-324", "1.7976931348623157e308",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "123456789012345678901234567890123456789012345678901234567890", "0.000000000000000000000000000001",
        "1000", "1000.0000001", "-1000.1", "0.001", "87600", "87600.5", "3",
    ];

    public static readonly Gen<string> Key = Gen.Frequency(
        (6, Gen.OneOf(DomainKeys.Select(Gen.Const).ToArray())),
        (2, Gen.String[0, 8]),
        (1, Gen.OneOf(OddStrings.Select(Gen.Const).ToArray())));

    public static readonly Gen<string> AnyString = Gen.Frequency(
        (3, Gen.String[0, 24]),
        (1, Gen.Char.Array[0, 12].Select(c => new string(c))),
        (4, Gen.OneOf(OddStrings.Concat(DomainKeys).Select(Gen.Const).ToArray())));

    public static readonly Gen<string> Number = Gen.Frequency(
        (3, Gen.OneOf(OddNumbers.Select(Gen.Const).ToArray())),
        (2, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Int[-5, 1100].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))));

    public static readonly Gen<string> Leaf = Gen.Frequency(
        (4, AnyString.Select(Quote)),
        (3, Number),
        (1, Gen.OneOf(Gen.Const("true"), Gen.Const("false"), Gen.Const("null"))));

    /// <summary>Arrays and objects nested far past every reader's depth limit.</summary>
    public static readonly Gen<string> DeepNesting = Gen.Select(Gen.Int[1, 200], Gen.Bool, Leaf, (depth, arrays, leaf) =>
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
            text.Append(arrays ? "[" : "{\"object\":");
        text.Append(leaf);
        for (var i = 0; i < depth; i++)
            text.Append(arrays ? ']' : '}');
        return text.ToString();
    });

    /// <summary>Any JSON value, up to five levels deep, now and then far deeper.</summary>
    public static readonly Gen<string> Value = Gen.Frequency((12, Tree(5)), (1, DeepNesting));

    /// <summary>A JSON object with a few members, the usual top level of a document.</summary>
    public static readonly Gen<string> Object = ObjectOf(Tree(4));

    /// <summary>Text that is mostly JSON but sometimes not: cut short, with stray characters, or
    /// plain garbage; what a peer's broken server answers.</summary>
    public static readonly Gen<string> AlmostJson = Gen.Frequency(
        (6, Value),
        (2, Gen.Select(Value, Gen.Int.NonNegative, (json, at) => json[..(at % (json.Length + 1))])),
        (1, Gen.String[0, 40]),
        (1, Gen.Select(Value, Gen.Int.NonNegative, Gen.Char, (json, at, c) => json.Insert(at % (json.Length + 1), c.ToString()))));

    /// <summary>The text as UTF-8 bytes, as it arrives over HTTP, now and then with bytes that are not
    /// UTF-8 (a stray continuation byte, an overlong form, an encoded surrogate) put in.</summary>
    public static Gen<byte[]> Utf8(Gen<string> text) => Gen.Select(text, Gen.Int[0, 5], Gen.Int.NonNegative, (json, kind, at) =>
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        byte[]? bad = kind switch { 0 => [0xFF], 1 => [0xC0, 0xAF], 2 => [0xED, 0xA0, 0x80], 3 => [0x80], _ => null };
        if (bad is null)
            return bytes;
        var position = at % (bytes.Length + 1);
        return [.. bytes.AsSpan(0, position), .. bad, .. bytes.AsSpan(position)];
    });

    /// <summary>Encodes a string as a JSON string literal; lone surrogates and controls are escaped
    /// as \u sequences, which readers must survive too.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                text.Append('\\').Append(c);
            else if (c < ' ' || char.IsSurrogate(c))
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else
                text.Append(c);
        }
        return text.Append('"').ToString();
    }

    private static Gen<string> Tree(int depth)
    {
        if (depth == 0)
            return Leaf;
        var inner = Tree(depth - 1);
        return Gen.Frequency(
            (4, Leaf),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (3, ObjectOf(inner)));
    }

    private static Gen<string> ObjectOf(Gen<string> member) =>
        Gen.Select(Key, member).Array[0, 6].Select(members =>
            "{" + string.Join(",", members.Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}");
}
