using System.Text.Json;
using Middleware.Core.Import;
using Middleware.Data.Import;

namespace Middleware.Server.Import;

/// <summary>Writes one export record as the JSON object <see cref="ImportReader"/> reads; optional
/// fields are left out when empty, as the import reads a missing field as empty.</summary>
public static class ExportLines
{
    public static void Write(Utf8JsonWriter json, ExportRecord record)
    {
        json.WriteStartObject();
        switch (record)
        {
            case ExportedAccount { Account: var a }:
                json.WriteString("type", "account");
                json.WriteString("uri", a.Uri);
                json.WriteString("published", a.Created);
                if (a.Discoverable is { } discoverable)
                    json.WriteBoolean("discoverable", discoverable);
                if (a.Indexable is { } indexable)
                    json.WriteBoolean("indexable", indexable);
                break;
            case ExportedPost { Post.Post: var p }:
                json.WriteString("type", "post");
                json.WriteString("uri", p.Uri);
                json.WriteString("author", p.AuthorUri);
                json.WriteString("text", p.ContentText);
                Optional(json, "language", p.Language);
                json.WriteString("published", p.Published);
                Optional(json, "url", p.Url);
                Optional(json, "inReplyTo", p.InReplyToUri);
                Optional(json, "contentWarning", p.ContentWarning);
                if (p.Sensitive)
                    json.WriteBoolean("sensitive", true);
                if (p.MediaCount > 0)
                    json.WriteNumber("mediaCount", p.MediaCount);
                if (p.Hashtags.Count > 0)
                {
                    json.WriteStartArray("hashtags");
                    foreach (var tag in p.Hashtags)
                        json.WriteStringValue(tag);
                    json.WriteEndArray();
                }
                break;
            case ExportedInteraction { Interaction: var i }:
                json.WriteString("type", "interaction");
                json.WriteString("kind", ImportStore.KindText(i.Kind));
                json.WriteString("actor", i.Actor);
                json.WriteString("post", i.PostUri);
                json.WriteString("at", i.At);
                break;
        }
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }
}
