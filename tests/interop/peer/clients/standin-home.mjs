// A home instance on loopback for the client-library tests: Mastodon's documented shapes for app
// registration, an authorize page that approves at once, the token exchange, verify_credentials
// and a home timeline paged by max_id/since_id/min_id with Link headers.
// For feeds read as lists and trends (feed-surfaces.mjs, bench/client-api/feed-list-latency.mjs) it
// also knows "remote" statuses (posts of other servers it has fetched, each with its own numeric id):
// GET /api/v1/lists (one list of its own, id "7", with its timeline), GET /api/v2/search (resolves a status by its uri
// or url), GET /api/v1/statuses?id[]= (Mastodon 4.3) and GET /api/v1/statuses/:id, and the public
// timeline (the remote statuses, newest id first), where the service's timeline source reads the
// authors' discoverable flag. Every request is counted in `calls` (by route, and searches by query).
import http from "node:http";

export const UPSTREAM_TOKEN = "standin-upstream-token";
const CODE = "standin-code";
export const REMOTE_HOST = "remote.example";

/** Mastodon answers at most this many statuses for GET /api/v1/statuses?id[]= (the rest are ignored). */
const IDS_PER_REQUEST = 20;

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

/** The ActivityPub id of a remote author and of one of their posts. */
export const remoteAuthorUri = name => `https://${REMOTE_HOST}/users/${name}`;
export const remotePostUri = (name, n) => `https://${REMOTE_HOST}/users/${name}/statuses/${n}`;

/** A remote post as the home instance shows it: its own numeric `id`, the origin's `uri` and `url`.
 * @param {{id: string, author: string, n: number|string, createdAt: string, favourites?: number, discoverable?: boolean}} spec */
export function remoteStatus(spec) {
  const uri = remotePostUri(spec.author, spec.n);
  return {
    id: spec.id, created_at: spec.createdAt, in_reply_to_id: null, in_reply_to_account_id: null,
    sensitive: false, spoiler_text: "", visibility: "public", language: "en",
    uri, url: `https://${REMOTE_HOST}/@${spec.author}/${spec.n}`,
    replies_count: 0, reblogs_count: 0, favourites_count: spec.favourites ?? 0, favourited: false, reblogged: false,
    muted: false, bookmarked: false, content: `<p>Remote post ${spec.n} by ${spec.author}</p>`, reblog: null, application: null,
    account: remoteAccount(spec.author, spec.discoverable ?? true), media_attachments: [], mentions: [], tags: [], emojis: [],
    card: null, poll: null,
  };
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

function remoteAccount(name, discoverable) {
  const base = `https://${REMOTE_HOST}`;
  return {
    id: String(500 + [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0)), username: name, acct: `${name}@${REMOTE_HOST}`,
    display_name: name, locked: false, bot: false, group: false, discoverable, indexable: discoverable,
    created_at: "2024-01-01T00:00:00.000Z", note: "", url: `${base}/@${name}`, uri: remoteAuthorUri(name),
    avatar: `${base}/a.png`, avatar_static: `${base}/a.png`, header: `${base}/h.png`, header_static: `${base}/h.png`,
    followers_count: 1, following_count: 1, statuses_count: 1, last_status_at: "2024-01-01", emojis: [], fields: [],
  };
}

const byIdDescending = (a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

/** A page of a newest-first timeline as Mastodon pages it: max_id/since_id/min_id, limit 1-40, Link. */
function timelinePage(url, all, path) {
  const q = url.searchParams;
  const limit = Math.min(Math.max(Number(q.get("limit") ?? 20), 1), 40);
  let chosen = all;
  if (q.get("max_id")) chosen = chosen.filter(s => BigInt(s.id) < BigInt(q.get("max_id")));
  if (q.get("since_id")) chosen = chosen.filter(s => BigInt(s.id) > BigInt(q.get("since_id")));
  const page = q.get("min_id")
    ? chosen.filter(s => BigInt(s.id) > BigInt(q.get("min_id"))).slice(-limit)
    : chosen.slice(0, limit);
  const link = `${path}?limit=${limit}`;
  return { page, headers: page.length ? { link: `<${link}&max_id=${page.at(-1).id}>; rel="next", <${link}&min_id=${page[0].id}>; rel="prev"` } : {} };
}

/**
 * @param {number} count statuses on the home timeline
 * @param {(i: number) => number} favourites their favourites_count, by position (0 = newest)
 * @param {{remote?: object[], publicTimeline?: (status: object) => boolean, searchAnswers?: Record<string, string>,
 *          multiStatus?: boolean}} [options]
 *   remote: specs for remoteStatus(); publicTimeline: which remote statuses the public timeline shows (all);
 *   searchAnswers: uri → id of the status a search for that uri answers instead (a search may match another
 *   post); multiStatus: false answers 404 to GET /api/v1/statuses?id[]= as instances before Mastodon 4.3 do.
 */
export async function startStandIn(count, favourites, options = {}) {
  let timeline = [];
  const remote = (options.remote ?? []).map(remoteStatus).sort(byIdDescending);
  const remoteById = new Map(remote.map(s => [s.id, s]));
  const remoteByUri = new Map(remote.flatMap(s => [[s.uri, s], [s.url, s]]));
  const publicTimeline = remote.filter(options.publicTimeline ?? (() => true));
  const calls = { routes: {}, searches: {}, statusIds: 0 };
  const failures = new Map();
  const note = route => { calls.routes[route] = (calls.routes[route] ?? 0) + 1; };
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
    const unauthorized = () => json(401, { error: "The access token is invalid" });
    const single = /^\/api\/v1\/statuses\/(\d+)$/.exec(url.pathname);
    const route = `${req.method} ${single ? "/api/v1/statuses/:id" : url.pathname}`;
    note(route);
    if (failures.get(route) > 0) {
      failures.set(route, failures.get(route) - 1);
      return json(503, { error: "Service unavailable" });
    }
    if (single) {
      const status = remoteById.get(single[1]);
      return status ? json(200, status) : json(404, { error: "Record not found" });
    }
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
          : unauthorized();
      case "/api/v1/timelines/home": {
        if (!authorized) return unauthorized();
        const { page, headers } = timelinePage(url, timeline, `${base()}/api/v1/timelines/home`);
        return json(200, page, headers);
      }
      case "/api/v1/timelines/public": {
        const { page, headers } = timelinePage(url, publicTimeline, `${base()}/api/v1/timelines/public`);
        return json(200, page, headers);
      }
      case "/api/v1/lists":
        return authorized ? json(200, [{ id: "7", title: "Friends", replies_policy: "list", exclusive: false }]) : unauthorized();
      case "/api/v1/lists/7":
        return authorized ? json(200, { id: "7", title: "Friends", replies_policy: "list", exclusive: false }) : unauthorized();
      case "/api/v1/timelines/list/7": {
        // The list's members wrote every third status of the home timeline.
        if (!authorized) return unauthorized();
        const { page, headers } = timelinePage(url, listTimeline(), `${base()}/api/v1/timelines/list/7`);
        return json(200, page, headers);
      }
      case "/api/v2/search": {
        // resolve=true needs a user token at Mastodon; a status is found by its uri or url.
        const q = url.searchParams.get("q") ?? "";
        calls.searches[q] = (calls.searches[q] ?? 0) + 1;
        if (!authorized && url.searchParams.get("resolve") === "true") return unauthorized();
        const type = url.searchParams.get("type");
        const instead = options.searchAnswers?.[q];
        const status = instead ? remoteById.get(instead) : remoteByUri.get(q);
        return json(200, {
          accounts: [], hashtags: [], statuses: status && (!type || type === "statuses") ? [status] : [],
        });
      }
      case "/api/v1/statuses": {
        if (req.method !== "GET") return json(404, { error: "Record not found" });
        if (options.multiStatus === false) return json(404, { error: "Record not found" });
        // Unknown ids are left out; the statuses come in the order asked.
        const ids = [...new Set(url.searchParams.getAll("id[]"))].slice(0, IDS_PER_REQUEST);
        calls.statusIds += ids.length;
        return json(200, ids.map(id => remoteById.get(id)).filter(Boolean));
      }
      default:
        return json(404, { error: "Record not found" });
    }
  });
  await new Promise(resolve => server.listen(0, "127.0.0.1", resolve));
  const base = () => `http://127.0.0.1:${server.address().port}`;
  timeline = statuses(base(), count, favourites);
  const listTimeline = () => timeline.filter((_, i) => i % 3 === 0);
  return {
    server, base: base(), host: `127.0.0.1:${server.address().port}`, timeline, remote, calls, listTimeline: listTimeline(),
    /** The next `times` requests of `route` (e.g. "GET /api/v1/statuses") answer 503. */
    fail(route, times = 1) { failures.set(route, times); },
    /** Forgets the counts so far (benchmarks count per phase). */
    resetCalls() { calls.routes = {}; calls.searches = {}; calls.statusIds = 0; },
  };
}
