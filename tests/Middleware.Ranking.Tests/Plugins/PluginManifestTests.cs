using Middleware.Ranking.Plugins;

namespace Middleware.Ranking.Tests.Plugins;

public sealed class PluginManifestTests
{
    [Fact]
    public void A_complete_manifest_is_read()
    {
        var manifest = PluginManifest.Parse("""
            { "id": "my-ranker", "version": "1.2.0", "contractVersion": "1.0", "assembly": "MyRanker.dll", "rankerType": "My.Ranker" }
            """);

        Assert.Equal(new PluginManifest("my-ranker", "1.2.0", "1.0", "MyRanker.dll", "My.Ranker"), manifest);
    }

    [Theory]
    [InlineData("""{ "version": "1.0.0", "contractVersion": "1.0", "assembly": "A.dll" }""", "has no 'id'")]
    [InlineData("""{ "id": "a", "contractVersion": "1.0", "assembly": "A.dll" }""", "has no 'version'")]
    [InlineData("""{ "id": "a", "version": "1.0.0", "assembly": "A.dll" }""", "has no 'contractVersion'")]
    [InlineData("""{ "id": "a", "version": "1.0.0", "contractVersion": "1.0" }""", "has no 'assembly'")]
    [InlineData("""{ "id": "My Ranker", "version": "1.0.0", "contractVersion": "1.0", "assembly": "A.dll" }""", "'id' is \"My Ranker\"")]
    [InlineData("""{ "id": "a", "version": "latest", "contractVersion": "1.0", "assembly": "A.dll" }""", "'version' is \"latest\"")]
    [InlineData("""{ "id": "a", "version": "1.0.0", "contractVersion": "1", "assembly": "A.dll" }""", "'contractVersion' is \"1\"")]
    [InlineData("""{ "id": "a", "version": "1.0.0", "contractVersion": 1.0, "assembly": "A.dll" }""", "'contractVersion' must be a string, not number")]
    [InlineData("""{ "id": "a", "version": "1.0.0", "contractVersion": "1.0", "assembly": "../elsewhere/A.dll" }""", "'assembly' is")]
    [InlineData("""{ "id": "a", "version": "1.0.0", "contractVersion": "1.0", "assembly": "A.exe" }""", "'assembly' is")]
    [InlineData("""{ "id": "a", "version": "1.0.0", "contractVersion": "1.0", "assembly": "A.dll", "rankerType": "" }""", "'rankerType' is empty")]
    [InlineData("""{ "id": "a", "version": "1.0.0", "contractVersion": "1.0", "assembly": "A.dll", "contractversion": "1.0" }""", "unknown field 'contractversion'")]
    [InlineData("""{ "id": "a", "id": "b", "version": "1.0.0", "contractVersion": "1.0", "assembly": "A.dll" }""", "has 'id' twice")]
    [InlineData("""[ "a" ]""", "must be a JSON object")]
    [InlineData("""{ "id": "a", """, "is not valid JSON")]
    public void A_wrong_manifest_is_refused_with_the_field_and_the_problem(string json, string expected)
    {
        var error = Assert.Throws<PluginManifestException>(() => PluginManifest.Parse(json));

        Assert.StartsWith("plugin.json ", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
