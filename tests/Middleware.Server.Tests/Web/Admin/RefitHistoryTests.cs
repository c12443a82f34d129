using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Ranking;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Synthetic;
using static Middleware.Server.Tests.Web.Admin.AdminSteps;

namespace Middleware.Server.Tests.Web.Admin;

/// <summary>Every bridging refit is recorded where it happens, and the admin pages show the history and
/// the coordinated groups the refit found.</summary>
public sealed class RefitHistoryTests : ServiceFixture
{
    // Only the refit the test asks for: the scheduled one would add a second row.
    protected override void Configure(MiddlewareFactory service) =>
        service.Settings["Middleware:Ranking:Bridging:StartupDelay"] = "01:00:00";

    [Fact]
    public async Task A_refit_is_recorded_with_its_evidence_and_shown_with_the_groups_it_found()
    {
        var data = SyntheticAudience.Generate(new SyntheticOptions { Seed = 3, Users = 900, Posts = 200, Now = DateTimeOffset.UtcNow });
        var ndjson = new StringWriter();
        NdjsonExport.Write(data, ndjson);
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("/api/admin/import", new StringContent(ndjson.ToString(), Encoding.UTF8, "application/x-ndjson"))).StatusCode);

        var report = await (await Admin.PostAsync("/api/admin/rankers/bridging/refit", null)).Content.ReadFromJsonAsync<JsonElement>();

        var recorded = Assert.Single(await Service.Services.GetRequiredService<IRefitHistory>().RecentAsync(10));
        Assert.Equal("bridging", recorded.Ranker);
        Assert.True(recorded.Succeeded);
        Assert.Null(recorded.Error);
        Assert.Equal(report.GetProperty("started").GetDateTimeOffset().ToUnixTimeMilliseconds(), recorded.Started.ToUnixTimeMilliseconds());
        Assert.Equal(report.GetProperty("signals").GetInt32(), recorded.Signals);
        Assert.Equal(report.GetProperty("ratings").GetInt32(), recorded.Ratings);
        Assert.Equal(report.GetProperty("raters").GetInt32(), recorded.Raters);
        Assert.Equal(report.GetProperty("posts").GetInt32(), recorded.Posts);
        Assert.Equal(report.GetProperty("coordinatedGroups").GetInt32(), recorded.CoordinatedGroups);
        Assert.True(recorded.Signals > 0 && recorded.CoordinatedGroups >= 1);

        using var browser = await SignedInAsync(Service);
        var refits = WebUtility.HtmlDecode(await (await browser.GetAsync("/admin/refits")).Content.ReadAsStringAsync());
        Assert.Contains($"<td>{recorded.Ratings}</td>", refits);
        Assert.Contains("replaced the model", refits);
        var groups = WebUtility.HtmlDecode(await (await browser.GetAsync("/admin/coordination")).Content.ReadAsStringAsync());
        Assert.Contains(data.BotTarget!, groups);
        var found = (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/coordination/groups")).GetProperty("groups")[0];
        Assert.Contains($"<li>{found.GetProperty("members")[0].GetString()}</li>", groups);
        Assert.Contains($"<li>{found.GetProperty("reasons")[0].GetString()}</li>", groups);
        Assert.Contains("<h3>Reasons</h3>", groups);
    }
}

/// <summary>A refit that cannot run is history too: the operator sees why the model was not replaced.</summary>
public sealed class RefusedRefitHistoryTests : ServiceFixture
{
    protected override void Configure(MiddlewareFactory service)
    {
        service.Settings["Middleware:Ranking:Bridging:MaxIterations"] = "0";
        service.Settings["Middleware:Ranking:Bridging:StartupDelay"] = "01:00:00";
    }

    [Fact]
    public async Task A_refused_refit_is_recorded_with_its_reason_and_shown()
    {
        var report = await (await Admin.PostAsync("/api/admin/rankers/bridging/refit", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(report.GetProperty("succeeded").GetBoolean());

        var recorded = Assert.Single(await Service.Services.GetRequiredService<IRefitHistory>().RecentAsync(10));
        Assert.False(recorded.Succeeded);
        Assert.Equal(report.GetProperty("error").GetString(), recorded.Error);
        Assert.Contains("MaxIterations", recorded.Error);

        using var browser = await SignedInAsync(Service);
        var page = WebUtility.HtmlDecode(await (await browser.GetAsync("/admin/refits")).Content.ReadAsStringAsync());
        Assert.Contains($"kept the previous model: {recorded.Error}", page);
    }
}
