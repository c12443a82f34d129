// A home instance on loopback for the client-library tests: Mastodon's documented shapes for app
// registration, an authorize page that approves at once, the token exchange, verify_credentials
// and a home timeline paged by max_id/since_id/min_id with Link headers.
import http from "node:http";

export const UPSTREAM_TOKEN = "standin-upstream-token";
const CODE = "standin-code";

export function statuses(base, count, favourites) {
  const now = Date.now() - 60_000;
  return Array.from({ length: count }, (_, i) => {
    const id = String(1000 + count - i);
    return {
      id, created_at: new Date(now - i * 60_000).toISOString(), in_reply_to_id: null, in_reply_to_account_id: null,
      sensitive: false, spoiler_text: "", visibility: "public", language: "en",
      uri: `${base}/users/bob/statuses/${id}`, url: `${base}/@bob/${id}`,
      replies_count: 0, reblogs_count: 0, favourites_count: favourites(i), favourited: false, reblogged: false,
      muted: false, bookmarked: false, content: `<p>Status ${id}</p>`, reblog: null, application: null,
      account: account(base, "bob"), media_attachments: [], mentions: [], tags: [], emojis: [], card: null, poll: null,
    };
  });
}

function account(base, name) {
  return {
    id: name === "alice" ? "109" : "110", username: name, acct: name, display_name: name, locked: false, bot: false,
    group: false, discoverable: true, created_at: "2024-01-01T00:00:00.000Z", note: "", url: `${base}/@${name}`,
    uri: `${base}/users/${name}`, avatar: `${base}/a.png`, avatar_static: `${base}/a.png`, header: `${base}/h.png`,
    header_static: `${base}/h.png`, followers_count: 1, following_count: 1, statuses_count: 1,
    last_status_at: "2024-01-01", emojis: [], fields: [],
  };
}

export async function startStandIn(count, favourites) {
  let timeline = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    let body = "";
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    const json = (status, value, headers = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(value));
    };
    const authorized = req.headers.authorization === `Bearer ${UPSTREAM_TOKEN}`;
    switch (url.pathname) {
      case "/api/v1/apps":
        return json(200, { id: "1", name: "Middleware feeds", website: null, redirect_uri: form.get("redirect_uris"),
          client_id: "standin-client", client_secret: "standin-secret" });
      case "/oauth/authorize":
        res.writeHead(302, { location: `${url.searchParams.get("redirect_uri")}?code=${CODE}&state=${encodeURIComponent(url.searchParams.get("state"))}` });
        return res.end();
      case "/oauth/token":
        return form.get("code") === CODE && form.get("client_secret") === "standin-secret"
          ? json(200, { access_token: UPSTREAM_TOKEN, token_type: "Bearer", scope: "read write follow push", created_at: 1 })
          : json(400, { error: "invalid_grant", error_description: "bad code" });
      case "/api/v1/accounts/verify_credentials":
        return authorized ? json(200, { ...account(base(), "alice"), source: { privacy: "public", sensitive: false, language: "en", note: "", fields: [] } })
          : json(401, { error: "The access token is invalid" });
      case "/api/v1/timelines/home": {
        if (!authorized) return json(401, { error: "The access token is invalid" });
        const q = url.searchParams;
        const limit = Math.min(Math.max(Number(q.get("limit") ?? 20), 1), 40);
        let chosen = timeline;
        if (q.get("max_id")) chosen = chosen.filter(s => BigInt(s.id) < BigInt(q.get("max_id")));
        if (q.get("since_id")) chosen = chosen.filter(s => BigInt(s.id) > BigInt(q.get("since_id")));
        const page = q.get("min_id")
          ? chosen.filter(s => BigInt(s.id) > BigInt(q.get("min_id"))).slice(-limit)
          : chosen.slice(0, limit);
        const path = `${base()}/api/v1/timelines/home?limit=${limit}`;
        const link = page.length ? { link: `<${path}&max_id=${page.at(-1).id}>; rel="next", <${path}&min_id=${page[0].id}>; rel="prev"` } : {};
        return json(200, page, link);
      }
      default:
        return json(404, { error: "Record not found" });
    }
  });
  await new Promise(resolve => server.listen(0, "127.0.0.1", resolve));
  const base = () => `http://127.0.0.1:${server.address().port}`;
  timeline = statuses(base(), count, favourites);
  return { server, base: base(), host: `127.0.0.1:${server.address().port}`, timeline };
}
