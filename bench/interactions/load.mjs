// Closed-loop load on POST /api/v1/feeds/{feed}/interactions: CLIENTS people (each logged in through
// the service and opted in) send batches of BATCH interactions about random stored posts, each the
// moment its previous batch was answered, for SECONDS after 3 s of warm-up.
// Usage: node bench/interactions/load.mjs <service> <feed> <posts> [seconds=20] [clients=8] [batch=100]
import { startHome, signInOptedIn } from "./people.mjs";

const [service, feed, postsArg, secondsArg, clientsArg, batchArg] = process.argv.slice(2);
const POSTS = Number(postsArg), SECONDS = Number(secondsArg ?? 20), CLIENTS = Number(clientsArg ?? 8), BATCH = Number(batchArg ?? 100);
const EVENTS = ["seen", "seen", "seen", "clickthrough", "like", "requestMore", "requestLess", "boost", "reply",
  "app.bsky.feed.defs#interactionSeen"];
// The posts bench/interactions.sh imported.
const postUri = i => `https://host${i % 50}.example/users/u${i % 2000}/statuses/${i}`;

const home = await startHome();
const tokens = [];
for (let c = 0; c < CLIENTS; c++) tokens.push(await signInOptedIn(service, home.host));

function batch() {
  const interactions = [];
  for (let k = 0; k < BATCH; k++)
    interactions.push({ item: postUri(Math.floor(Math.random() * POSTS)), event: EVENTS[Math.floor(Math.random() * EVENTS.length)],
      feedContext: "AQAAAAAAAAAAAQAAAAcAAAA", reqId: "bench-request-id" });
  return JSON.stringify({ interactions });
}

async function loop(token, until, latencies, totals) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  while (performance.now() < until) {
    const started = performance.now();
    const response = await fetch(`${service}/api/v1/feeds/${feed}/interactions`, { method: "POST", headers, body: batch() });
    const answer = await response.json();
    if (!response.ok) { totals.errors++; if (totals.errors < 4) console.error(response.status, answer); continue; }
    latencies.push(performance.now() - started);
    totals.stored += answer.stored;
    totals.repeated += answer.repeated;
  }
}

async function run(seconds) {
  const latencies = [], totals = { stored: 0, repeated: 0, errors: 0 };
  const started = performance.now();
  await Promise.all(tokens.map(t => loop(t, started + seconds * 1000, latencies, totals)));
  return { latencies, totals, elapsed: (performance.now() - started) / 1000 };
}

await run(3); // warm-up: JIT, connections, pooled SQLite handles
const { latencies, totals, elapsed } = await run(SECONDS);
latencies.sort((a, b) => a - b);
const at = q => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
const events = latencies.length * BATCH;
console.log(`${CLIENTS} people, batches of ${BATCH}, ${SECONDS} s: ${latencies.length} requests, ${totals.errors} errors`);
console.log(`| clients | batch | requests/s | events/s | p50 | p99 | stored | repeats |`);
console.log(`|---:|---:|---:|---:|---:|---:|---:|---:|`);
console.log(`| ${CLIENTS} | ${BATCH} | ${(latencies.length / elapsed).toFixed(0)} | **${(events / elapsed).toFixed(0)}** | ${at(0.5)} ms | ${at(0.99)} ms | ${totals.stored} | ${totals.repeated} |`);
home.server.close();
