// Latency of a feed read as a list (GET /api/v1/timelines/list/mw-feed-…) and as trends
// (GET /api/v1/trends/statuses) through the service, side by side with what one such page costs the
// home instance when called directly: GET /api/v1/statuses?id[]=… with the page's 20 ids (the warm
// path: the service knows the posts' ids there) and 20 searches, 4 at a time (the cold path: the
// first time a post is served). Uses the stand-in home instance of the interop tests, which knows
// the feed's posts as "remote" statuses; the posts are imported into the service with favourites,
// their authors' consent comes from the stand-in's public timeline (a timeline source).
// Usage (service running with ClientApi__UpstreamScheme=http and Middleware__AllowPrivateNetworks=true,
// a fresh data folder): node bench/client-api/feed-list-latency.mjs http://127.0.0.1:5077 <admin token> [requests]
import { startStandIn, UPSTREAM_TOKEN, remotePostUri } from "../../tests/interop/peer/clients/standin-home.mjs";
import { authorizeThroughService } from "../../tests/interop/peer/clients/login.mjs";
import { remotePlan, arrangeFeed, chooseSurfaces } from "../../tests/interop/peer/clients/feed-surfaces.mjs";

const [service, adminToken, countArg] = process.argv.slice(2);
if (!service || !adminToken) throw new Error("usage: node feed-list-latency.mjs <service url> <admin token> [requests]");
const N = Number(countArg ?? 300), WARMUP = 50, PAGE = 20, FEED = "benchlists";
// 240 posts: a window of 200 (ClientApi:FeedWindow) and more below it; none the home instance cannot serve.
const plan = remotePlan(240, { authors: 8, unserved: false });
const standIn = await startStandIn(20, i => i, plan.standInOptions);

const started = performance.now();
await arrangeFeed(service, adminToken, standIn, plan, FEED);
const post = (url, form) => fetch(url, { method: "POST", body: new URLSearchParams(form) }).then(r => r.json());
const REDIRECT = "https://app.example/callback";
const app = await post(`${service}/api/v1/apps`, { client_name: "bench", redirect_uris: REDIRECT, scopes: "read write" });
const code = await authorizeThroughService(service, app.client_id, REDIRECT, standIn.host);
const { access_token } = await post(`${service}/oauth/token`, {
  grant_type: "authorization_code", client_id: app.client_id, client_secret: app.client_secret, code, redirect_uri: REDIRECT,
});
await chooseSurfaces(service, access_token, FEED);
const ours = { authorization: `Bearer ${access_token}` };
const theirs = { authorization: `Bearer ${UPSTREAM_TOKEN}` };
console.error(`arranged in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const get = async (url, headers) => {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const body = await response.json();
  return { body, link: response.headers.get("link") };
};
const list = `${service}/api/v1/timelines/list/mw-feed-${FEED}`;
const nextOf = link => /<([^>]+)>; rel="next"/.exec(link ?? "")?.[1];

// The first read of the list is the cold path: every post is searched for at the home instance, 20
// per page. Its 10 pages are timed one by one; the first also ranks the feed and runs code for the
// first time, so it is reported apart.
await get(`${service}/api/v1/feeds/${FEED}/skeleton?limit=1`, {}); // the feed's ranking, kept for 30 s
const expectedIds = plan.expected.slice(0, 200);
const read = [], cold = [];
for (let url = `${list}?limit=${PAGE}`, page; url; url = nextOf(page.link)) {
  const start = performance.now();
  page = await get(url, ours);
  cold.push(performance.now() - start);
  read.push(...page.body.map(s => s.id));
}
if (JSON.stringify(read) !== JSON.stringify(expectedIds))
  throw new Error(`the list is not the feed's ranking:\n${read}\n${expectedIds}`);
const firstPage = await get(`${list}?limit=${PAGE}`, ours);
const nextPage = nextOf(firstPage.link);

const rows = [];
const percentiles = (label, ms, calls) => {
  ms.sort((a, b) => a - b);
  const at = q => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  rows.push({ label, p50: at(0.5), p99: at(0.99), calls });
  console.error(`${label}: p50 ${at(0.5).toFixed(2)} ms`);
};
const perRequest = calls => Object.entries(calls).map(([route, n]) => `${(n / N).toFixed(n % N ? 2 : 0)}× ${route}`).join(", ");
/** The two requests alternate, so that both see the same load on the machine. */
async function sideBySide(direct, service_) {
  for (let i = 0; i < WARMUP; i++) { await direct.run(); await service_.run(); }
  const ms = [[], []], calls = [{}, {}];
  for (let i = 0; i < N; i++) {
    for (const [k, r] of [direct, service_].entries()) {
      standIn.resetCalls();
      const start = performance.now();
      await r.run();
      ms[k].push(performance.now() - start);
      for (const [route, n] of Object.entries(standIn.calls.routes)) calls[k][route] = (calls[k][route] ?? 0) + n;
    }
  }
  percentiles(direct.label, ms[0], perRequest(calls[0]));
  percentiles(service_.label, ms[1], perRequest(calls[1]));
}

const idsOf = (from, to) => expectedIds.slice(from, to).map(id => `id[]=${id}`).join("&");
const urisOf = (from, to) => plan.expected.slice(from, to).map(id => plan.remote.find(r => r.id === id)).map(r => remotePostUri(r.author, r.n));
const searchAll = async uris => {
  for (let i = 0; i < uris.length; i += 4)
    await Promise.all(uris.slice(i, i + 4).map(uri =>
      get(`${standIn.base}/api/v2/search?q=${encodeURIComponent(uri)}&type=statuses&resolve=true&limit=1`, theirs)));
};
const page1 = { label: "home instance directly: page 1's 20 statuses by id (warm path)", run: () => get(`${standIn.base}/api/v1/statuses?${idsOf(0, 20)}`, theirs) };

await sideBySide(page1, { label: "service: feed-list first page (new window, ids known)", run: () => get(`${list}?limit=${PAGE}`, ours) });
await sideBySide(
  { label: "home instance directly: page 2's 20 statuses by id", run: () => get(`${standIn.base}/api/v1/statuses?${idsOf(20, 40)}`, theirs) },
  { label: "service: feed-list next page (max_id=rk-…)", run: () => get(nextPage, ours) });
await sideBySide({ ...page1, label: `${page1.label}, again` },
  { label: "service: trends first page (offset 0, new window)", run: () => get(`${service}/api/v1/trends/statuses?limit=${PAGE}`, ours) });
{
  const cold = { label: "home instance directly: 20 searches, 4 at a time (cold path)", run: () => searchAll(urisOf(0, 20)) };
  for (let i = 0; i < WARMUP; i++) await cold.run();
  standIn.resetCalls();
  const ms = [];
  for (let i = 0; i < N; i++) {
    const start = performance.now();
    await cold.run();
    ms.push(performance.now() - start);
  }
  percentiles(cold.label, ms, perRequest(standIn.calls.routes));
}
standIn.server.close();

const find = prefix => rows.find(r => r.label.startsWith(prefix));
const added = (service_, direct) => (find(service_).p50 - find(direct).p50).toFixed(2);
console.log(`${N} sequential requests each after ${WARMUP} warm-up, each service request right after the direct one it is compared with; milliseconds; limit=${PAGE}`);
console.log("| request | p50 | p99 | home-instance calls per request |\n|---|---:|---:|---|");
for (const r of rows) console.log(`| ${r.label} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.calls} |`);
const later = cold.slice(1).sort((a, b) => a - b);
console.log(`\nservice: the first read of the list, cold (each page 20 searches at the home instance, 4 at a time): ` +
  `page 1 ${cold[0].toFixed(1)} ms (first run of the code), pages 2-${cold.length}: median ${later[Math.floor(later.length / 2)].toFixed(1)} ms, ` +
  `max ${later.at(-1).toFixed(1)} ms`);
console.log(`added by the service at p50: first page ${added("service: feed-list first", "home instance directly: page 1")} ms, ` +
  `next page ${added("service: feed-list next", "home instance directly: page 2")} ms, ` +
  `trends ${added("service: trends", "home instance directly: page 1's 20 statuses by id (warm path), again")} ms (target < 20 ms)`);
