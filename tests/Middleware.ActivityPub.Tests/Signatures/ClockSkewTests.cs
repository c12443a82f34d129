using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Signatures;

/// <summary>
/// Mastodon's time window as a table: valid until expires (default created + 5 min, at most created + 12 h),
/// with an hour of clock skew allowed either way.
/// </summary>
public class ClockSkewTests
{
    public static TheoryData<int, int?, bool> Window => new()
    {
        // created (minutes from now), expires (minutes after created), accepted
        { 0, null, true },
        { -1, null, true },
        { -64, null, true },       // 5 min lifetime + 60 min skew
        { -66, null, false },
        { -60 * 48, null, false }, // older than a day, as in Mastodon's spec
        { 30, null, true },
        { 59, null, true },
        { 61, null, false },
        { 120, null, false },
        { -60 * 11, 60 * 12, true },    // a long expires is honoured...
        { -60 * 14, 60 * 24, false },   // ...but never past created + 12 h
        { -10, 2, true },               // expired 8 min ago, within the skew margin
        { -70, 2, false },
    };

    [Theory]
    [MemberData(nameof(Window))]
    public void Rfc9421_created_and_expires(int createdMinutes, int? expiresAfterMinutes, bool accepted)
    {
        using var key = PrivateKey();
        var headers = Headers();
        var expiresAfter = expiresAfterMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        HttpSignatureSigner.SignRfc9421("GET", Actor, headers, KeyId, key, [], Now.AddMinutes(createdMinutes),
            new Rfc9421SigningOptions(ExpiresAfter: expiresAfter));

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.True(accepted == result.Valid, result.Error);
    }

    [Theory]
    [MemberData(nameof(Window))]
    public void Draft_cavage_created_and_expires(int createdMinutes, int? expiresAfterMinutes, bool accepted)
    {
        using var key = PrivateKey();
        var headers = Headers();
        var covered = expiresAfterMinutes is null
            ? new[] { "(request-target)", "host", "date" }
            : ["(request-target)", "host", "(created)", "(expires)"];
        var expiresAfter = expiresAfterMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        HttpSignatureSigner.SignDraftCavage("GET", Actor, headers, KeyId, key, [], Now.AddMinutes(createdMinutes),
            new CavageSigningOptions(covered, expiresAfterMinutes is null ? "rsa-sha256" : "hs2019", expiresAfter));

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.True(accepted == result.Valid, result.Error);
    }

    [Theory]
    [InlineData("Tue, 07 Jan 2025 10:00:00 GMT")]
    [InlineData("Mon, 07 Jan 2025 10:00:00 GMT")] // wrong weekday, ignored like Ruby's Time.httpdate
    [InlineData("Tuesday, 07-Jan-25 10:00:00 GMT")]
    [InlineData("Tue Jan  7 10:00:00 2025")]
    public void Http_dates_in_all_three_forms_are_read(string text)
    {
        Assert.True(SignatureTimeWindow.TryParseHttpDate(text, out var date));
        Assert.Equal(Now, date);
    }
}
