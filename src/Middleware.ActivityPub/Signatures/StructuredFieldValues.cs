using System.Globalization;
using System.Text;

namespace Middleware.ActivityPub.Signatures;

// The subset of RFC 8941 structured field values that Signature-Input, Signature and Content-Digest use.

/// <summary>An RFC 8941 token, kept apart from a string because they serialize differently.</summary>
internal readonly record struct SfToken(string Value);

/// <summary>A dictionary member value: an item or an inner list, each with parameters.</summary>
internal abstract record SfMember(IReadOnlyList<KeyValuePair<string, object>> Parameters)
{
    public object? Parameter(string key) =>
        Parameters.LastOrDefault(p => p.Key == key) is { Key: not null } found ? found.Value : null;
}

/// <summary>A bare item (long, decimal, string, <see cref="SfToken"/>, byte[] or bool) with parameters.</summary>
internal sealed record SfItem(object Value, IReadOnlyList<KeyValuePair<string, object>> Parameters)
    : SfMember(Parameters);

/// <summary>A parenthesized list of items with parameters.</summary>
internal sealed record SfInnerList(IReadOnlyList<SfItem> Items, IReadOnlyList<KeyValuePair<string, object>> Parameters)
    : SfMember(Parameters);

/// <summary>Serializes values back to their canonical RFC 8941 text, as the signature base needs.</summary>
internal static class SfSerializer
{
    public static string InnerList(SfInnerList list)
    {
        var text = new StringBuilder("(");
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(BareItem(list.Items[i].Value)).Append(Parameters(list.Items[i].Parameters));
        }

        return text.Append(')').Append(Parameters(list.Parameters)).ToString();
    }

    public static string Parameters(IReadOnlyList<KeyValuePair<string, object>> parameters)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            text.Append(';').Append(key);
            // A true boolean parameter is written as the bare key.
            if (value is not true)
            {
                text.Append('=').Append(BareItem(value));
            }
        }

        return text.ToString();
    }

    public static string BareItem(object value) => value switch
    {
        long number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.0##", CultureInfo.InvariantCulture),
        string text => Quote(text),
        SfToken token => token.Value,
        byte[] bytes => ":" + Convert.ToBase64String(bytes) + ":",
        bool flag => flag ? "?1" : "?0",
        _ => throw new ArgumentException($"Not a structured field bare item: {value.GetType().Name}", nameof(value)),
    };

    public static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
