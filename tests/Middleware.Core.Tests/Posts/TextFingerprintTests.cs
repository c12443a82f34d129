using Middleware.Core.Posts;

namespace Middleware.Core.Tests.Posts;

public sealed class TextFingerprintTests
{
    private const string Message = "Vote no on the proposal tomorrow, it will ruin the harbour district and cost every household dearly";

    [Theory]
    [InlineData(Message + " Share this!")]
    [InlineData("VOTE NO on the proposal tomorrow - it will ruin the harbour district and cost every household dearly")]
    [InlineData(Message + " https://example.org/x")]
    public void Near_duplicates_are_a_few_bits_apart(string variant) =>
        Assert.InRange(TextFingerprint.Distance(TextFingerprint.Of(Message)!.Value, TextFingerprint.Of(variant)!.Value), 0, 10);

    [Theory]
    [InlineData("The library opens an hour later on Sundays from next month, the council announced this afternoon")]
    [InlineData("Herons along the river this morning, and not a soul on the towpath until the bakery opened at eight")]
    public void Different_texts_are_about_half_the_bits_apart(string other) =>
        Assert.InRange(TextFingerprint.Distance(TextFingerprint.Of(Message)!.Value, TextFingerprint.Of(other)!.Value), 16, 48);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Hello #Fediverse")]
    [InlineData("ok ok ok")]
    public void Texts_too_short_to_tell_have_none(string? text) => Assert.Null(TextFingerprint.Of(text));

    [Fact]
    public void The_same_text_always_gives_the_same_fingerprint() =>
        Assert.Equal(TextFingerprint.Of(Message), TextFingerprint.Of(Message));
}
