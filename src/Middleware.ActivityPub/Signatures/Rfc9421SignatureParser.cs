namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// Reads RFC 9421 <c>Signature-Input</c> and <c>Signature</c> dictionaries into one <see cref="ParsedSignature"/>
/// per label, then picks the first label that covers what Mastodon requires.
/// </summary>
internal static class Rfc9421SignatureParser
{
    public static SignatureParseResult Parse(SignedRequest request, string signatureInput, string signatureHeader)
    {
        IReadOnlyList<KeyValuePair<string, SfMember>> inputs, signatures;
        try
        {
            inputs = StructuredFieldParser.ParseDictionary(signatureInput);
            signatures = StructuredFieldParser.ParseDictionary(signatureHeader);
        }
        catch (StructuredFieldException e)
        {
            return SignatureParseResult.Failure($"Signature-Input or Signature is not a valid RFC 8941 dictionary: {e.Message}");
        }

        SignatureParseResult? first = null;
        foreach (var (label, member) in inputs)
        {
            var result = ParseLabel(label, member, signatures);
            first ??= result;
            if (result.Signature is { } candidate && MeetsRequirements(candidate, request))
            {
                return result;
            }
        }

        // No label meets the requirements: hand back the first, so verification names what it lacks.
        return first ?? SignatureParseResult.Failure("Signature-Input has no signatures");
    }

    /// <summary>The structural part of Mastodon's rules, checkable before the key is fetched.</summary>
    internal static bool MeetsRequirements(ParsedSignature signature, SignedRequest request) =>
        signature.Created is not null
        && signature.Covers("@method")
        && signature.Covers("@target-uri")
        && (!request.HasBody || signature.Covers("content-digest"));

    private static SignatureParseResult ParseLabel(
        string label, SfMember member, IReadOnlyList<KeyValuePair<string, SfMember>> signatures)
    {
        if (member is not SfInnerList covered)
        {
            return SignatureParseResult.Failure($"Signature-Input member {label} is not an inner list");
        }

        var signature = signatures.FirstOrDefault(s => s.Key == label).Value;
        if (signature is not SfItem { Value: byte[] signatureBytes })
        {
            return SignatureParseResult.Failure($"Signature header has no byte sequence for label {label}");
        }

        var components = new List<string>();
        foreach (var item in covered.Items)
        {
            if (item.Value is not string name || name != name.ToLowerInvariant())
            {
                return SignatureParseResult.Failure("Covered components must be lower-case strings");
            }

            // Parameters such as ;sf, ;key or ;req change how a component is read; we accept only plain ones.
            if (item.Parameters.Count > 0)
            {
                return SignatureParseResult.Failure($"Unsupported parameters on covered component \"{name}\"");
            }

            components.Add(name);
        }

        if (covered.Parameter("keyid") is not string keyId || keyId.Length == 0)
        {
            return SignatureParseResult.Failure("Incompatible request signature. keyid and created are required");
        }

        var created = covered.Parameter("created");
        var expires = covered.Parameter("expires");
        if (created is not (null or long) || expires is not (null or long))
        {
            return SignatureParseResult.Failure("The created and expires parameters must be integers");
        }

        var algorithm = covered.Parameter("alg");
        if (algorithm is not (null or string))
        {
            return SignatureParseResult.Failure("The alg parameter must be a string");
        }

        var algorithmName = (string?)algorithm ?? SignatureAlgorithms.RsaV15Sha256;
        if (!SignatureAlgorithms.IsSupportedRfc9421(algorithmName))
        {
            return SignatureParseResult.Failure(
                $"Unsupported signature algorithm {algorithmName} (only rsa-v1_5-sha256 and rsa-pss-sha512 are supported)");
        }

        return SignatureParseResult.Success(new ParsedSignature(
            SignatureScheme.Rfc9421,
            keyId,
            algorithmName,
            components,
            signatureBytes,
            (long?)created,
            (long?)expires,
            label,
            SfSerializer.InnerList(covered)));
    }
}
