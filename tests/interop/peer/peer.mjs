// Interop test peer: a small Fedify server with accounts alice and bob, plus a
// /_control/ API that tests use to make it follow, post, boost, like and send raw
// signed requests. Usage: node peer.mjs --port <port> [--signature rfc9421|cavage] [--verbose]
import "./lib/polyfills.mjs";
import { parseArgs } from "node:util";
import { configure, getStreamSink } from "@logtape/logtape";
import { AsyncLocalStorage } from "node:async_hooks";
import { Writable } from "node:stream";
import { buildFederation } from "./lib/federation.mjs";
import { startServer } from "./lib/server.mjs";
import { createState } from "./lib/state.mjs";

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    signature: { type: "string" },
    accounts: { type: "string", default: "alice,bob" },
    // name=ISO-8601,… : when those accounts were created (their actor's "published").
    created: { type: "string", default: "" },
    verbose: { type: "boolean", default: false },
  },
});

const port = Number(args.port);
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node peer.mjs --port <port> [--signature rfc9421|cavage] [--verbose]");
  process.exit(2);
}
const firstKnock = { undefined: undefined, rfc9421: "rfc9421", cavage: "draft-cavage-http-signatures-12" }[args.signature];
if (args.signature != null && firstKnock == null) {
  console.error(`--signature must be rfc9421 or cavage, not ${args.signature}`);
  process.exit(2);
}

// Fedify logs through LogTape; stdout is reserved for the READY line, so logs go to stderr.
await configure({
  contextLocalStorage: new AsyncLocalStorage(),
  sinks: { stderr: getStreamSink(Writable.toWeb(process.stderr)) },
  loggers: [
    { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["stderr"] },
    { category: "fedify", lowestLevel: args.verbose ? "debug" : "warning", sinks: ["stderr"] },
    // Without Ed25519 keys Fedify warns on every send that it adds no object proof;
    // Mastodon peers have none either, so only delivery errors are worth showing.
    ...(args.verbose ? [] : [{ category: ["fedify", "federation", "outbox"], lowestLevel: "error", sinks: ["stderr"], parentSinks: "override" }]),
  ],
});

const origin = `http://${args.host}:${port}`;
const created = new Map(args.created.split(",").filter(Boolean).map((pair) => {
  const at = pair.indexOf("=");
  return [pair.slice(0, at), pair.slice(at + 1)];
}));
const state = createState(args.accounts.split(",").map((a) => a.trim()).filter(Boolean), created);
const federation = await buildFederation({ state, origin, firstKnock });
const server = await startServer({ federation, state, origin, host: args.host, port });

process.stdout.write(`READY ${port}\n`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
