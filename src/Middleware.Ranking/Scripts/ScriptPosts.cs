using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;

namespace Middleware.Ranking.Scripts;

/// <summary>Builds the plain JavaScript objects a script sees as <c>post</c> and <c>context</c>:
/// data only, no host objects. Posts are built straight into one fixed layout (a hidden class), which
/// is several times cheaper than adding properties one by one.</summary>
internal sealed class ScriptPosts(JsEngine engine)
{
    /// <summary>The properties of <c>post</c>, in order; named as in <see cref="Candidate"/>, camelCase.</summary>
    public static readonly string[] PropertyNames =
    [
        "uri", "author", "instance", "ageHours", "boosts", "favourites", "replies", "distinctEngagers",
        "impressions", "disagreements", "viewerFollowsAuthor", "language", "mediaCount", "contentWarning",
        "isReply", "length", "text", "hashtags", "coordinationScore",
    ];

    private static readonly JsObjectLayout PostLayout = new(PropertyNames);
    private readonly JsValue[] values = new JsValue[PropertyNames.Length];

    public JsValue Post(Candidate c, double ageHours)
    {
        var v = values;
        v[0] = JsString.Create(c.PostUri);
        v[1] = JsString.Create(c.Author);
        v[2] = JsString.Create(c.Instance);
        v[3] = JsNumber.Create(ageHours);
        v[4] = JsNumber.Create(c.Boosts);
        v[5] = JsNumber.Create(c.Favourites);
        v[6] = JsNumber.Create(c.Replies);
        v[7] = JsNumber.Create(c.DistinctEngagers);
        v[8] = JsNumber.Create(c.Impressions);
        v[9] = JsNumber.Create(c.Disagreements);
        v[10] = c.ViewerFollowsAuthor ? JsBoolean.True : JsBoolean.False;
        v[11] = c.Language is null ? JsValue.Null : JsString.Create(c.Language);
        v[12] = JsNumber.Create(c.MediaCount);
        v[13] = c.ContentWarning is null ? JsValue.Null : JsString.Create(c.ContentWarning);
        v[14] = c.IsReply ? JsBoolean.True : JsBoolean.False;
        v[15] = JsNumber.Create(c.Length);
        v[16] = JsString.Create(c.Text);
        v[17] = Hashtags(c.Hashtags);
        v[18] = JsNumber.Create(c.CoordinationScore);
        return JsObject.Create(engine, PostLayout, v);
    }

    /// <summary>The <c>context</c> argument: what is the same for every post of one ranking.</summary>
    public JsValue Context(RankingRequest request) => JsObject.CreateFromEntries(engine,
    [
        new("now", JsNumber.Create((double)request.Now.ToUnixTimeMilliseconds())),
        new("feed", JsString.Create(request.Feed)),
        new("viewer", request.Viewer is null ? JsValue.Null : JsString.Create(request.Viewer)),
        new("limit", JsNumber.Create(request.Limit)),
    ]);

    private JsValue Hashtags(IReadOnlyList<string> hashtags)
    {
        var items = new JsValue[hashtags.Count];
        for (var i = 0; i < items.Length; i++)
            items[i] = JsString.Create(hashtags[i]);
        return new JsArray(engine, items);
    }
}
