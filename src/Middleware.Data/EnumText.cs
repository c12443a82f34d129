using Middleware.Core.Actors;
using Middleware.Core.Delivery;
using Middleware.Core.Inbox;
using Middleware.Core.Posts;
using Middleware.Core.Sources;

namespace Middleware.Data;

/// <summary>Enums are stored as fixed lower-case text, mapped by hand so that renaming a C# member
/// can never silently change (or break) what is in the database.</summary>
internal static class EnumText
{
    public static string From(Visibility value) => value switch
    {
        Visibility.Public => "public",
        Visibility.Unlisted => "unlisted",
        Visibility.FollowersOnly => "followers",
        Visibility.Direct => "direct",
        _ => throw Unknown(value),
    };

    public static Visibility ToVisibility(string text) => text switch
    {
        "public" => Visibility.Public,
        "unlisted" => Visibility.Unlisted,
        "followers" => Visibility.FollowersOnly,
        "direct" => Visibility.Direct,
        _ => throw Unknown<Visibility>(text),
    };

    public static string From(InteractionKind value) => value switch
    {
        InteractionKind.Boost => "boost",
        InteractionKind.Favourite => "favourite",
        InteractionKind.Reply => "reply",
        InteractionKind.Disagree => "disagree",
        _ => throw Unknown(value),
    };

    public static string From(PostOrigin value) => value switch
    {
        PostOrigin.Federation => "federation",
        PostOrigin.Poll => "poll",
        PostOrigin.Import => "import",
        _ => throw Unknown(value),
    };

    public static string From(LocalActorKind value) => value switch
    {
        LocalActorKind.Instance => "instance",
        LocalActorKind.Feed => "feed",
        _ => throw Unknown(value),
    };

    public static LocalActorKind ToLocalActorKind(string text) => text switch
    {
        "instance" => LocalActorKind.Instance,
        "feed" => LocalActorKind.Feed,
        _ => throw Unknown<LocalActorKind>(text),
    };

    public static string From(SourceType value) => value switch
    {
        SourceType.Account => "account",
        SourceType.Relay => "relay",
        SourceType.Timeline => "timeline",
        _ => throw Unknown(value),
    };

    public static SourceType ToSourceType(string text) => text switch
    {
        "account" => SourceType.Account,
        "relay" => SourceType.Relay,
        "timeline" => SourceType.Timeline,
        _ => throw Unknown<SourceType>(text),
    };

    public static string From(SourceState value) => value switch
    {
        SourceState.Pending => "pending",
        SourceState.Following => "following",
        SourceState.Rejected => "rejected",
        SourceState.Polling => "polling",
        SourceState.Failed => "failed",
        _ => throw Unknown(value),
    };

    public static SourceState ToSourceState(string text) => text switch
    {
        "pending" => SourceState.Pending,
        "following" => SourceState.Following,
        "rejected" => SourceState.Rejected,
        "polling" => SourceState.Polling,
        "failed" => SourceState.Failed,
        _ => throw Unknown<SourceState>(text),
    };

    public static string From(InboxState value) => value switch
    {
        InboxState.Pending => "pending",
        InboxState.Done => "done",
        InboxState.Rejected => "rejected",
        InboxState.Failed => "failed",
        _ => throw Unknown(value),
    };

    public static InboxState ToInboxState(string text) => text switch
    {
        "pending" => InboxState.Pending,
        "done" => InboxState.Done,
        "rejected" => InboxState.Rejected,
        "failed" => InboxState.Failed,
        _ => throw Unknown<InboxState>(text),
    };

    public static string From(DeliveryState value) => value switch
    {
        DeliveryState.Pending => "pending",
        DeliveryState.Delivered => "delivered",
        DeliveryState.Failed => "failed",
        _ => throw Unknown(value),
    };

    public static DeliveryState ToDeliveryState(string text) => text switch
    {
        "pending" => DeliveryState.Pending,
        "delivered" => DeliveryState.Delivered,
        "failed" => DeliveryState.Failed,
        _ => throw Unknown<DeliveryState>(text),
    };

    private static ArgumentOutOfRangeException Unknown<T>(T value) where T : struct, Enum =>
        new(nameof(value), value, $"No stored text for {typeof(T).Name}.{value}.");

    private static InvalidOperationException Unknown<T>(string text) where T : struct, Enum =>
        new($"Stored value '{text}' is not a known {typeof(T).Name}.");
}
