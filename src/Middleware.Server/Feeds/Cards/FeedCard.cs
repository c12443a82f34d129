namespace Middleware.Server.Feeds.Cards;

/// <summary>A sentence in the two languages the feed pages speak.</summary>
/// <param name="En">English.</param>
/// <param name="Nl">Dutch.</param>
public sealed record PlainText(string En, string Nl);

/// <summary>What a public feed discloses about its ranking (DSA art. 27): the one model behind the
/// feed page <c>/feeds/{name}</c> and <c>GET /api/v1/feeds/{name}/card</c>.</summary>
/// <param name="Name">The feed's name, as in its URLs.</param>
/// <param name="DisplayName">Its title.</param>
/// <param name="Description">What it is about, as its owner wrote it.</param>
/// <param name="Account">The feed account's handle, <c>@name@host</c>.</param>
/// <param name="Followers">Accounts following the feed account.</param>
/// <param name="Links">Where to read, follow and vote on the feed.</param>
/// <param name="Ranker">The ranker and its state.</param>
/// <param name="MainParameters">What decides the order, in plain words: the ranker's own text and
/// sentences made from the feed's definition.</param>
/// <param name="Parameters">The ranker's parameters with the feed's values.</param>
/// <param name="RelativeImportance">How much each factor weighed in the current ranking.</param>
/// <param name="Profiling">Whether the order uses personal data of the viewer, and which.</param>
/// <param name="Options">What a reader can do to change or choose the ranking.</param>
/// <param name="Version">The current version of the definition.</param>
/// <param name="CreatedAt">When version 1 was stored.</param>
/// <param name="UpdatedAt">When the current version was stored.</param>
/// <param name="History">Every version, newest first, with what it changed.</param>
public sealed record FeedCard(
    string Name,
    string DisplayName,
    string Description,
    string Account,
    int Followers,
    FeedCardLinks Links,
    FeedCardRanker Ranker,
    IReadOnlyList<PlainText> MainParameters,
    IReadOnlyList<FeedCardParameter> Parameters,
    FeedCardImportance RelativeImportance,
    FeedCardProfiling Profiling,
    IReadOnlyList<PlainText> Options,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<FeedCardVersion> History);

/// <summary>The feed's addresses.</summary>
public sealed record FeedCardLinks(string Page, string Card, string Actor, string Atom, string Skeleton, string Vote);

/// <summary>The ranker a feed names. <paramref name="State"/> is <c>loaded</c>, or why it is not (then
/// <paramref name="Fallback"/> says the feed is in chronological order).</summary>
public sealed record FeedCardRanker(string Id, string State, string? Version, string? Description, string? Fallback);

/// <summary>One parameter: its value in this feed (or the default), and what it changes.</summary>
public sealed record FeedCardParameter(string Name, string Value, bool IsDefault, string Description);

/// <summary>The factors that moved the scores of the top of the current ranking, largest share
/// first. <paramref name="Summary"/> says it in words, also when nothing is known yet.</summary>
public sealed record FeedCardImportance(PlainText Summary, IReadOnlyList<FeedCardFactor> Factors, int PostsConsidered, DateTimeOffset? RankedAt);

/// <summary>A factor's share of the absolute score contributions, 0–1.</summary>
public sealed record FeedCardFactor(string Feature, double Share);

/// <summary>Whether the order depends on who reads it.</summary>
/// <param name="UsesViewerData">True when some reader's order uses their personal data.</param>
/// <param name="Statement">What is used, for whom, precisely.</param>
public sealed record FeedCardProfiling(bool UsesViewerData, PlainText Statement);

/// <summary>One version of the definition and the members it changed (empty for version 1).</summary>
public sealed record FeedCardVersion(int Version, DateTimeOffset At, IReadOnlyList<string> Changed);

/// <summary>A public feed as the directory <c>/feeds</c> lists it.</summary>
public sealed record FeedListing(string Name, string DisplayName, string Description, string Account, string Ranker,
    bool RankerLoaded, bool UsesViewerData, int Followers);
