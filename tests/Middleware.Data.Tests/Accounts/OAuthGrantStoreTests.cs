using Middleware.Core.Accounts;
using Middleware.Data.Accounts;

namespace Middleware.Data.Tests.Accounts;

public sealed class OAuthGrantStoreTests : TestDatabase
{
    private OAuthGrantStore Grants => new(Db);

    private async Task<long> AccountAsync()
    {
        await new ClientAppStore(Db).AddAsync(new ClientApp("app", "hash", "App", null, ["https://app.example/cb"], "read write", Clock.Now));
        return (await new ClientAccountStore(Db, Clock).SaveLoginAsync("home.example", "1", "a@home.example", "https://home.example/users/a", "account-token")).Id;
    }

    [Fact]
    public async Task A_code_and_a_token_keep_their_own_upstream_token()
    {
        var account = await AccountAsync();
        await Grants.AddCodeAsync(new AuthorizationCode("code", "app", account, "https://app.example/cb", "read", null, null,
            Clock.Now.AddMinutes(10), "grant-token"));
        await Grants.AddTokenAsync(new AccessToken("token", "app", account, "read", Clock.Now, "grant-token"));

        Assert.Equal("grant-token", (await Grants.TakeCodeAsync("code", Clock.Now))!.EncryptedUpstreamToken);
        Assert.Equal("grant-token", (await Grants.FindTokenAsync("token"))!.EncryptedUpstreamToken);
    }

    [Fact]
    public async Task Revoking_returns_the_token_once_and_forgets_its_upstream_token()
    {
        var account = await AccountAsync();
        await Grants.AddTokenAsync(new AccessToken("token", "app", account, "read", Clock.Now, "grant-token"));

        Assert.Null(await Grants.RevokeTokenAsync("token", "other-app", Clock.Now));
        var revoked = await Grants.RevokeTokenAsync("token", "app", Clock.Now);

        Assert.Equal("grant-token", revoked!.EncryptedUpstreamToken);
        Assert.Null(await Grants.FindTokenAsync("token"));
        Assert.Null(await Grants.RevokeTokenAsync("token", "app", Clock.Now));
        await using var connection = await Db.OpenAsync();
        Assert.Null(await Dapper.SqlMapper.ExecuteScalarAsync<string?>(connection, "SELECT upstream_token FROM oauth_tokens"));
    }
}
