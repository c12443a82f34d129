using Middleware.Core.Accounts;
using Middleware.Data.Accounts;

namespace Middleware.Data.Tests.Accounts;

public sealed class WebSessionStoreTests : TestDatabase
{
    private WebSessionStore Sessions => new(Db);

    private Task<ClientAccount> WebAccountAsync() =>
        new ClientAccountStore(Db, Clock).SaveWebSignInAsync("home.example", "7", "bo@home.example", "https://home.example/users/bo");

    [Fact]
    public async Task A_sign_in_is_taken_once_and_not_after_it_expired()
    {
        await Sessions.AddSignInAsync(new PendingWebSignIn("web.a", "/feeds/x/vote", "home.example", "binding", Clock.Now.AddMinutes(10)));
        await Sessions.AddSignInAsync(new PendingWebSignIn("web.b", "/", "home.example", "binding", Clock.Now.AddMinutes(10)));

        var taken = await Sessions.TakeSignInAsync("web.a", Clock.Now);
        Assert.Equal(("/feeds/x/vote", "home.example", "binding"), (taken!.ReturnPath, taken.InstanceHost, taken.BrowserBindingHash));
        Assert.Null(await Sessions.TakeSignInAsync("web.a", Clock.Now));
        Assert.Null(await Sessions.TakeSignInAsync("web.b", Clock.Now.AddMinutes(11)));
        Assert.Null(await Sessions.TakeSignInAsync("web.b", Clock.Now));
    }

    [Fact]
    public async Task A_session_names_its_account_until_it_expires_or_is_deleted()
    {
        var account = await WebAccountAsync();
        await Sessions.AddSessionAsync("hash", account.Id, Clock.Now, Clock.Now.AddDays(1));

        var session = await Sessions.FindSessionAsync("hash", Clock.Now);
        Assert.Equal((account.Id, "bo@home.example", "https://home.example/users/bo"), (session!.AccountId, session.Acct, session.ActorUri));
        Assert.Null(await Sessions.FindSessionAsync("hash", Clock.Now.AddDays(1)));
        Assert.Null(await Sessions.FindSessionAsync("other", Clock.Now));

        Assert.True(await Sessions.DeleteSessionAsync("hash"));
        Assert.Null(await Sessions.FindSessionAsync("hash", Clock.Now));
        Assert.False(await Sessions.DeleteSessionAsync("hash"));
    }

    [Fact]
    public async Task A_web_sign_in_keeps_the_token_and_preference_of_an_app_login()
    {
        var accounts = new ClientAccountStore(Db, Clock);
        var app = await accounts.SaveLoginAsync("home.example", "7", "bo@home.example", "https://home.example/users/bo", "app-token");
        await accounts.SetPreferenceAsync(app.Id, new RankingPreference("bridging", "{}", true));

        var web = await accounts.SaveWebSignInAsync("home.example", "7", "bo@home.example", "https://home.example/users/bo2");

        Assert.Equal(app.Id, web.Id);
        Assert.Equal("app-token", web.EncryptedUpstreamToken);
        Assert.Equal("https://home.example/users/bo2", web.ActorUri);
        Assert.True(web.Preference.RecordInteractions);
    }

    [Fact]
    public async Task A_web_only_account_has_no_upstream_token()
    {
        var account = await WebAccountAsync();
        Assert.Equal("", account.EncryptedUpstreamToken);
        Assert.Equal(RankingPreference.Default, account.Preference);
    }

    [Fact]
    public async Task Consent_is_kept_once_with_its_first_time()
    {
        var account = await WebAccountAsync();
        var consents = new VoteConsentStore(Db);

        Assert.False(await consents.HasConsentedAsync(account.Id));
        await consents.ConsentAsync(account.Id, Clock.Now);
        await consents.ConsentAsync(account.Id, Clock.Now.AddDays(1));

        Assert.True(await consents.HasConsentedAsync(account.Id));
        await using var connection = await Db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT consented_at FROM vote_consents";
        Assert.Equal(UnixTime.ToMs(Clock.Now), (long)(await command.ExecuteScalarAsync())!);
    }
}
