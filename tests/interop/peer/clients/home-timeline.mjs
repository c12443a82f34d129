// Logs in to the service with a real Mastodon client library, chooses a ranker, and reads the whole
// ranked home timeline by following Link headers as the library does. Prints JSON:
// {"ids": [...the ids read, in order], "expected": [...the order the ranker should give]}.
// Usage: node home-timeline.mjs <service base URL> <megalodon|masto>
import { startStandIn } from "./standin-home.mjs";
import { authorizeThroughService } from "./login.mjs";

const [service, library] = process.argv.slice(2);
const REDIRECT = "https://app.example/callback";
const COUNT = 260, WINDOW = 200; // the service ranks a window of 200 by default
const standIn = await startStandIn(COUNT, i => (i * 7) % WINDOW);

try {
  const client = library === "masto" ? await mastoClient() : await megalodonClient();
  await preferEngagement(client.token);
  const ids = await client.readAll(16);
  const byFavourites = standIn.timeline.slice(0, WINDOW).sort((a, b) => b.favourites_count - a.favourites_count);
  const expected = [...byFavourites, ...standIn.timeline.slice(WINDOW)].map(s => s.id);
  console.log(JSON.stringify({ ids, expected }));
} finally {
  standIn.server.close();
}

async function megalodonClient() {
  const { default: generator } = await import("megalodon");
  const anonymous = generator("mastodon", service);
  const app = await anonymous.registerApp("megalodon test", { scopes: ["read", "write"], redirect_uris: REDIRECT });
  const code = await authorizeThroughService(service, app.client_id ?? app.clientId, REDIRECT, standIn.host);
  const token = await anonymous.fetchAccessToken(app.client_id ?? app.clientId, app.client_secret ?? app.clientSecret, code, REDIRECT);
  const accessToken = token.access_token ?? token.accessToken;
  const api = generator("mastodon", service, accessToken);
  const me = await api.verifyAccountCredentials();
  if (me.data.acct !== "alice") throw new Error(`verify_credentials gave ${me.data.acct}`);
  return {
    token: accessToken,
    // megalodon hands back the headers; apps take max_id from the Link header's next URL.
    async readAll(limit) {
      const ids = [];
      let options = { limit };
      for (;;) {
        const page = await api.getHomeTimeline(options);
        if (page.data.length === 0) return ids;
        ids.push(...page.data.map(s => s.id));
        const next = /<([^>]+)>; rel="next"/.exec(page.headers.link ?? "");
        if (!next) return ids;
        options = { limit, max_id: new URL(next[1]).searchParams.get("max_id") };
      }
    },
  };
}

async function mastoClient() {
  const { createRestAPIClient, createOAuthAPIClient } = await import("masto");
  const anonymous = createRestAPIClient({ url: service });
  const app = await anonymous.v1.apps.create({ clientName: "masto.js test", redirectUris: REDIRECT, scopes: "read write" });
  const code = await authorizeThroughService(service, app.clientId, REDIRECT, standIn.host);
  const oauth = createOAuthAPIClient({ url: service });
  const token = await oauth.token.create({
    grantType: "authorization_code", clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, code,
  });
  const api = createRestAPIClient({ url: service, accessToken: token.accessToken });
  const me = await api.v1.accounts.verifyCredentials();
  if (me.acct !== "alice") throw new Error(`verify_credentials gave ${me.acct}`);
  return {
    token: token.accessToken,
    // masto.js follows rel="next" of the Link header itself.
    async readAll(limit) {
      const ids = [];
      for await (const page of api.v1.timelines.home.list({ limit })) {
        if (page.length === 0) break;
        ids.push(...page.map(s => s.id));
      }
      return ids;
    },
  };
}

async function preferEngagement(token) {
  const response = await fetch(`${service}/api/v1/preferences/ranking`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ ranker: "engagement", parameters: { boostWeight: 0, replyWeight: 0, halfLifeHours: 8760 } }),
  });
  if (!response.ok) throw new Error(`preference: ${response.status} ${await response.text()}`);
}
