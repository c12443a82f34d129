// Latency of GET /api/v1/timelines/home through the service against the stand-in home instance
// called directly, side by side. Usage (service running with ClientApi__UpstreamScheme=http and
// Middleware__AllowPrivateNetworks=true): node bench/client-api/timeline-latency.mjs http://127.0.0.1:5077 [requests] [admin token]
// With the admin token, it also times the first page when the person chose a feed (engagement ranker).
import { startStandIn, UPSTREAM_TOKEN } from "../../tests/interop/peer/clients/standin-home.mjs";
import { authorizeThroughService } from "../../tests/interop/peer/clients/login.mjs";

const [service, countArg, adminToken] = process.argv.slice(2);
const N = Number(countArg ?? 300);
const REDIRECT = "https://app.example/callback";
const standIn = await startStandIn(400, i => (i * 7) % 200);

const post = (url, form) => fetch(url, { method: "POST", body: new URLSearchParams(form) }).then(r => r.json());
const app = await post(`${service}/api/v1/apps`, { client_name: "bench", redirect_uris: REDIRECT, scopes: "read write" });
const code = await authorizeThroughService(service, app.client_id, REDIRECT, standIn.host);
const { access_token } = await post(`${service}/oauth/token`, {
  grant_type: "authorization_code", client_id: app.client_id, client_secret: app.client_secret, code, redirect_uri: REDIRECT,
});
const ours = { authorization: `Bearer ${access_token}` };
const theirs = { authorization: `Bearer ${UPSTREAM_TOKEN}` };

async function timed(label, run) {
  for (let i = 0; i < 20; i++) await run(); // warm-up (JIT, connections)
  const ms = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = q => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(2);
  console.log(`| ${label} | ${at(0.5)} | ${at(0.99)} |`);
}

const get = async (url, headers) => {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  await response.arrayBuffer();
  return response;
};
const upstreamWindow = async () => {
  let maxId = "";
  for (let page = 0; page < 5; page++) {
    const response = await fetch(`${standIn.base}/api/v1/timelines/home?limit=40${maxId}`, { headers: theirs });
    const statuses = await response.json();
    maxId = `&max_id=${statuses.at(-1).id}`;
  }
};
const first = await get(`${service}/api/v1/timelines/home?limit=20`, ours);
const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link"))[1];

console.log(`${N} sequential requests each, after 20 warm-up; milliseconds`);
console.log("| request | p50 | p99 |\n|---|---|---|");
await timed("stand-in directly: one page (limit=20)", () => get(`${standIn.base}/api/v1/timelines/home?limit=20`, theirs));
await timed("stand-in directly: the window (5 pages of 40)", upstreamWindow);
await timed("service: first page (reads and ranks the window of 200)", () => get(`${service}/api/v1/timelines/home?limit=20`, ours));
await timed("service: next page (rank cursor, window in memory)", () => get(next, ours));
if (adminToken) {
  const admin = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
  const created = await fetch(`${service}/api/admin/feeds`, {
    method: "POST", headers: admin,
    body: JSON.stringify({ name: "benchfeed", displayName: "Bench", sources: "all", ranker: "engagement" }),
  });
  if (!created.ok && created.status !== 409) throw new Error(`feed: ${created.status} ${await created.text()}`);
  const chosen = await fetch(`${service}/api/v1/preferences/ranking`, {
    method: "PUT", headers: { ...ours, "content-type": "application/json" }, body: JSON.stringify({ feed: "benchfeed" }),
  });
  if (!chosen.ok) throw new Error(`preference: ${chosen.status}`);
  await timed("service: first page, a feed chosen (engagement)", () => get(`${service}/api/v1/timelines/home?limit=20`, ours));
  await fetch(`${service}/api/v1/preferences/ranking`, {
    method: "PUT", headers: { ...ours, "content-type": "application/json" }, body: JSON.stringify({ ranker: "chronological" }),
  });
}
await timed("service: verify_credentials (pass-through)", () => get(`${service}/api/v1/accounts/verify_credentials`, ours));
await timed("stand-in directly: verify_credentials", () => get(`${standIn.base}/api/v1/accounts/verify_credentials`, theirs));
standIn.server.close();
