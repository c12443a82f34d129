// A feed read as a list and as trends through a real Mastodon client library. The stand-in home
// instance knows "remote" posts (each with its own numeric id); the same posts are imported into the
// service with favourites, their authors' consent to discovery comes from the stand-in's public
// timeline (a timeline source: imports carry no consent), and a feed ranks them by favourites, an
// order that is neither the stand-in's id order nor its created_at order. Then the person logs in
// through the service with the library, reads the feed in GET /api/v1/lists and pages its list
// timeline and the trends to the end as the library does. Prints JSON: the lists, the ids read per
// surface with the page counts, the expected order (the feed's ranking as stand-in ids) and the
// stand-in's call counts.
// Usage: node feed-surfaces.mjs <service base URL> <masto|megalodon> <admin token>
import { pathToFileURL } from "node:url";
import { startStandIn, remotePostUri, remoteAuthorUri } from "./standin-home.mjs";
import { authorizeThroughService } from "./login.mjs";

const REDIRECT = "https://app.example/callback";
const ENGAGEMENT = { boostWeight: 0, replyWeight: 0, halfLifeHours: 8760 }; // favourites alone, no decay to speak of
const MAX_PAGES = 60;

const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));

/**
 * The remote posts: `count` statuses the stand-in finds (ids 3000+i, in id order by i), by `authors`
 * authors; their created_at and their favourites (in the service) are two other permutations of i.
 * With `unserved`, two more posts rank on top but are not served: one the home instance does not know,
 * one its search answers with another status. A sentinel post by an author who does not consent is last on the
 * public timeline: once the service stores it, it has read every author's consent before it.
 */
export function remotePlan(count, { authors = 5, unserved = true, now = Date.now() } = {}) {
  const step = [17, 19, 23, 29, 31].find(m => gcd(m, count) === 1);
  const fav = [11, 13, 37, 41, 43].find(m => gcd(m, count) === 1 && m !== step);
  const remote = Array.from({ length: count }, (_, i) => ({
    id: String(3000 + i), author: `a${i % authors}`, n: 100 + i,
    createdAt: new Date(now - ((i * step) % count + 2) * 60_000).toISOString(),
    favourites: i, // the home instance's own count, which the feed's ranking does not use
    serviceFavourites: (i * fav + 5) % count,
  }));
  const sentinel = { id: "2999", author: "hidden", n: 1, createdAt: new Date(now - 3 * 60_000).toISOString(), discoverable: false };
  const unknown = unserved
    ? { uri: remotePostUri("a0", 9001), author: "a0", createdAt: new Date(now - 90 * 60_000).toISOString(), serviceFavourites: count + 50 }
    : null;
  const imposter = unserved
    ? { uri: remotePostUri("a1", 9002), author: "a1", createdAt: new Date(now - 91 * 60_000).toISOString(), serviceFavourites: count + 40 }
    : null;
  const firstOfEach = new Set(remote.slice(0, authors).map(r => r.id).concat(sentinel.id));
  return {
    remote, sentinel, unknown, imposter,
    standInOptions: {
      remote: [...remote, sentinel],
      publicTimeline: s => firstOfEach.has(s.id),
      searchAnswers: imposter ? { [imposter.uri]: remote[0].id } : {},
    },
    /** The feed's ranking (favourites in the service, most first) as stand-in ids: what the lists must serve. */
    expected: [...remote].sort((a, b) => b.serviceFavourites - a.serviceFavourites).map(r => r.id),
  };
}

/** Imports the posts with their favourites and their authors' consent (account records), and creates the feed. */
export async function arrangeFeed(service, adminToken, standIn, plan, feed) {
  const admin = { authorization: `Bearer ${adminToken}` };
  // The sentinel would top the ranking, but its author does not consent: it must never be served or looked up.
  const sentinel = { ...plan.sentinel, uri: remotePostUri(plan.sentinel.author, plan.sentinel.n), serviceFavourites: plan.remote.length + 100 };
  const posts = [...plan.remote.map(r => ({ ...r, uri: remotePostUri(r.author, r.n) })), sentinel, plan.unknown, plan.imposter].filter(Boolean);
  const at = new Date(Date.now() - 60_000).toISOString();
  const authors = [...new Set(posts.filter(p => p.discoverable !== false).map(p => p.author))];
  const lines = [
    // The authors consent to discovery, as their actor documents would say; the sentinel's author does not.
    ...authors.map(a => ({ type: "account", uri: remoteAuthorUri(a), published: "2024-01-01T00:00:00Z", discoverable: true, indexable: true })),
    ...posts.flatMap(p => [
      { type: "post", uri: p.uri, url: p.uri, author: remoteAuthorUri(p.author), text: `post ${p.uri}`, published: p.createdAt },
      ...Array.from({ length: p.serviceFavourites }, (_, k) => ({
        type: "interaction", kind: "favourite", actor: `https://fans.example/users/f${k}`, post: p.uri, at,
      })),
    ]),
  ];
  const imported = await fetch(`${service}/api/admin/import`, {
    method: "POST", headers: { ...admin, "content-type": "application/x-ndjson" }, body: lines.map(l => JSON.stringify(l)).join("\n"),
  });
  if (!imported.ok) throw new Error(`import: ${imported.status} ${await imported.text()}`);

  const created = await fetch(`${service}/api/admin/feeds`, {
    method: "POST", headers: { ...admin, "content-type": "application/json" },
    body: JSON.stringify({ name: feed, displayName: "Surfaces", sources: "all", ranker: "engagement", parameters: ENGAGEMENT }),
  });
  if (!created.ok && created.status !== 409) throw new Error(`feed: ${created.status} ${await created.text()}`);
}

/** The person's preference: the home timeline ranked by engagement, the feed as a list and as trends. */
export async function chooseSurfaces(service, token, feed) {
  const response = await fetch(`${service}/api/v1/preferences/ranking`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ ranker: "engagement", parameters: ENGAGEMENT, lists: [feed], trends: feed }),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`preference: ${response.status} ${body}`);
  const preference = JSON.parse(body);
  if (JSON.stringify(preference.lists) !== JSON.stringify([feed]) || preference.trends !== feed)
    throw new Error(`preference not kept: ${body}`);
}

function tooMany(what) {
  return new Error(`${what}: paging did not end after ${MAX_PAGES} pages`);
}

async function megalodonClient(service, host) {
  const { default: generator } = await import("megalodon");
  const anonymous = generator("mastodon", service);
  const app = await anonymous.registerApp("megalodon test", { scopes: ["read", "write"], redirect_uris: REDIRECT });
  const code = await authorizeThroughService(service, app.client_id ?? app.clientId, REDIRECT, host);
  const token = await anonymous.fetchAccessToken(app.client_id ?? app.clientId, app.client_secret ?? app.clientSecret, code, REDIRECT);
  const accessToken = token.access_token ?? token.accessToken;
  const api = generator("mastodon", service, accessToken);
  const nextOf = headers => /<([^>]+)>; rel="next"/.exec(headers.link ?? "")?.[1];
  return {
    token: accessToken,
    async lists() {
      return (await api.getLists()).data.map(l => ({ id: l.id, title: l.title }));
    },
    // Apps take max_id from the Link header's next URL, as for the home timeline.
    async readList(id, limit) {
      const ids = [];
      let options = { limit };
      for (let pages = 1; pages <= MAX_PAGES; pages++) {
        const page = await api.getListTimeline(id, options);
        ids.push(...page.data.map(s => s.id));
        const next = nextOf(page.headers);
        if (page.data.length === 0 || !next) return { ids, pages };
        options = { limit, max_id: new URL(next).searchParams.get("max_id") };
      }
      throw tooMany(id);
    },
    // Apps that page with their last status's id instead of the Link header.
    async readListByStatusId(id, limit) {
      const ids = [];
      let options = { limit };
      for (let pages = 1; pages <= MAX_PAGES; pages++) {
        const page = await api.getListTimeline(id, options);
        ids.push(...page.data.map(s => s.id));
        if (page.data.length === 0 || !nextOf(page.headers)) return { ids, pages };
        options = { limit, max_id: page.data.at(-1).id };
      }
      throw tooMany(`${id} by status id`);
    },
    // megalodon 10 has no call for trending statuses (getInstanceTrends is tags): its raw client, as an
    // app would add it, with Mastodon's documented offset = the statuses it already has.
    async readTrends(limit) {
      const ids = [];
      for (let pages = 1; pages <= MAX_PAGES; pages++) {
        const page = await api.client.get("/api/v1/trends/statuses", { limit, offset: ids.length });
        ids.push(...page.data.map(s => s.id));
        if (page.data.length === 0 || !nextOf(page.headers)) return { ids, pages };
      }
      throw tooMany("trends");
    },
  };
}

async function mastoClient(service, host) {
  const { createRestAPIClient, createOAuthAPIClient } = await import("masto");
  const anonymous = createRestAPIClient({ url: service });
  const app = await anonymous.v1.apps.create({ clientName: "masto.js test", redirectUris: REDIRECT, scopes: "read write" });
  const code = await authorizeThroughService(service, app.clientId, REDIRECT, host);
  const oauth = createOAuthAPIClient({ url: service });
  const token = await oauth.token.create({
    grantType: "authorization_code", clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, code,
  });
  const api = createRestAPIClient({ url: service, accessToken: token.accessToken });
  // masto.js follows rel="next" of the Link header itself, until there is none.
  const readAll = async (paginator, what) => {
    const ids = [];
    let pages = 0;
    for await (const page of paginator) {
      if (++pages > MAX_PAGES) throw tooMany(what);
      if (page.length === 0) break;
      ids.push(...page.map(s => s.id));
    }
    return { ids, pages };
  };
  return {
    token: token.accessToken,
    async lists() {
      return (await api.v1.lists.list()).map(l => ({ id: l.id, title: l.title }));
    },
    readList: (id, limit) => readAll(api.v1.timelines.list.$select(id).list({ limit }), id),
    readTrends: limit => readAll(api.v1.trends.statuses.list({ limit }), "trends"),
  };
}

async function main() {
  const [service, library, adminToken] = process.argv.slice(2);
  if (!service || !["masto", "megalodon"].includes(library) || !adminToken)
    throw new Error("usage: node feed-surfaces.mjs <service url> <masto|megalodon> <admin token>");
  const FEED = "surfaces", COUNT = 36, HOME = 30;
  const plan = remotePlan(COUNT);
  const standIn = await startStandIn(HOME, i => (i * 7) % HOME, plan.standInOptions);
  try {
    await arrangeFeed(service, adminToken, standIn, plan, FEED);
    const client = library === "masto" ? await mastoClient(service, standIn.host) : await megalodonClient(service, standIn.host);
    await chooseSurfaces(service, client.token, FEED);

    const lists = await client.lists();
    const list = await client.readList(`mw-feed-${FEED}`, 8);
    const trends = await client.readTrends(5);
    const listByStatusId = client.readListByStatusId ? await client.readListByStatusId(`mw-feed-${FEED}`, 7) : null;
    const home = await client.readList("mw-home", 12);
    const homeExpected = [...standIn.timeline].sort((a, b) => b.favourites_count - a.favourites_count).map(s => s.id);
    // The instance's own list is passed through, its Link headers pointing at the service.
    const ownList = await client.readList("7", 4);

    const found = plan.remote.map(r => remotePostUri(r.author, r.n));
    console.log(JSON.stringify({
      feed: FEED, lists, list, trends, listByStatusId, expected: plan.expected,
      home: { ...home, expected: homeExpected },
      ownList: { ...ownList, expected: standIn.listTimeline.map(s => s.id) },
      calls: {
        routes: standIn.calls.routes,
        // Each post the stand-in finds is searched for once; afterwards it is fetched by id.
        searchesPerFoundPost: [...new Set(found.map(uri => standIn.calls.searches[uri] ?? 0))],
        searchesForUnknown: standIn.calls.searches[plan.unknown.uri] ?? 0,
        searchesForImposter: standIn.calls.searches[plan.imposter.uri] ?? 0,
        searchesForSentinel: standIn.calls.searches[remotePostUri(plan.sentinel.author, plan.sentinel.n)] ?? 0,
        statusIds: standIn.calls.statusIds,
      },
      orders: {
        // The ranked order differs from the stand-in's id and created_at orders (else the test proves little).
        byId: [...plan.remote].sort((a, b) => Number(b.id) - Number(a.id)).map(r => r.id),
        byCreatedAt: [...plan.remote].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(r => r.id),
      },
    }));
  } finally {
    standIn.server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href)
  await main();
