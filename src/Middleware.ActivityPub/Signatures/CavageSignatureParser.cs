using System.Globalization;
using System.Text;

namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// Reads a draft-cavage <c>Signature</c> header: comma-separated <c>name=value</c> pairs whose values are
/// tokens or quoted strings (draft-cavage-12 section 4, the grammar Mastodon's SignatureParser follows).
/// </summary>
internal static class CavageSignatureParser
{
    public static SignatureParseResult Parse(string header)
    {
        var parameters = ReadParameters(header);
        if (parameters is null)
        {
            return SignatureParseResult.Failure(SignatureErrors.UnparsableSignature);
        }

        parameters.TryGetValue("keyId", out var keyId);
        parameters.TryGetValue("signature", out var encodedSignature);
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(encodedSignature))
        {
            return SignatureParseResult.Failure("Incompatible request signature. keyId and signature are required");
        }

        // Mastodon treats an absent algorithm as hs2019 and then defaults the covered list to (created).
        var algorithm = parameters.TryGetValue("algorithm", out var given) ? given.ToLowerInvariant() : "hs2019";
        if (algorithm is not ("rsa-sha256" or "hs2019"))
        {
            return SignatureParseResult.Failure("Unsupported signature algorithm (only rsa-sha256 and hs2019 are supported)");
        }

        var headers = parameters.TryGetValue("headers", out var list) && !string.IsNullOrWhiteSpace(list)
            ? list
            : algorithm == "hs2019" ? "(created)" : "date";
        var covered = headers.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(encodedSignature);
        }
        catch (FormatException)
        {
            return SignatureParseResult.Failure("Invalid signature value: not base64");
        }

        if (!TryReadTime(parameters, "created", out var created) || !TryReadTime(parameters, "expires", out var expires))
        {
            return SignatureParseResult.Failure("Invalid (created) or (expires) signature parameter: not a Unix time");
        }

        return SignatureParseResult.Success(new ParsedSignature(
            SignatureScheme.DraftCavage, keyId, algorithm, covered, signature, created, expires));
    }

    private static bool TryReadTime(Dictionary<string, string> parameters, string name, out long? time)
    {
        time = null;
        if (!parameters.TryGetValue(name, out var text))
        {
            return true;
        }

        // draft-cavage allows a fractional part; Mastodon truncates it (to_i), and so do we.
        var whole = text.Split('.')[0];
        if (!long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        time = seconds;
        return true;
    }

    /// <summary>Returns the parameters, or null when the header does not follow the grammar.</summary>
    private static Dictionary<string, string>? ReadParameters(string header)
    {
        var text = header.Trim();
        // Old node-http-signature versions prefix the value with "Signature "; Mastodon tolerates it too.
        if (text.StartsWith("Signature ", StringComparison.OrdinalIgnoreCase))
        {
            text = text["Signature ".Length..].TrimStart();
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (true)
        {
            var nameStart = position;
            while (position < text.Length && IsTokenChar(text[position]))
            {
                position++;
            }

            if (position == nameStart)
            {
                return null;
            }

            var name = text[nameStart..position];
            position = SkipWhitespace(text, position);
            if (position >= text.Length || text[position] != '=')
            {
                return null;
            }

            position = SkipWhitespace(text, position + 1);
            var value = position < text.Length && text[position] == '"'
                ? ReadQuoted(text, ref position)
                : ReadToken(text, ref position);
            if (value is null)
            {
                return null;
            }

            parameters[name] = value;
            position = SkipWhitespace(text, position);
            if (position >= text.Length)
            {
                return parameters;
            }

            if (text[position] != ',')
            {
                return null;
            }

            position = SkipWhitespace(text, position + 1);
        }
    }

    private static string? ReadQuoted(string text, ref int position)
    {
        var value = new StringBuilder();
        for (position++; position < text.Length; position++)
        {
            var c = text[position];
            if (c == '"')
            {
                position++;
                return value.ToString();
            }

            if (c == '\\' && position + 1 < text.Length)
            {
                position++;
                c = text[position];
            }

            value.Append(c);
        }

        return null;
    }

    private static string? ReadToken(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && IsTokenChar(text[position]))
        {
            position++;
        }

        return position == start ? null : text[start..position];
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    // RFC 7230 tchar.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
