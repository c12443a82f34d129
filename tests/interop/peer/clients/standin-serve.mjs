// Runs the stand-in home instance on its own for clients in other languages (Mastodon.py): prints
// one JSON line {"host", "expected"} and serves until stdin closes.
import { startStandIn } from "./standin-home.mjs";

const COUNT = 260, WINDOW = 200;
const standIn = await startStandIn(COUNT, i => (i * 7) % WINDOW);
const byFavourites = standIn.timeline.slice(0, WINDOW).sort((a, b) => b.favourites_count - a.favourites_count);
const expected = [...byFavourites, ...standIn.timeline.slice(WINDOW)].map(s => s.id);
console.log(JSON.stringify({ host: standIn.host, expected }));
process.stdin.resume();
process.stdin.on("end", () => standIn.server.close(() => process.exit(0)));
