// A minimal node:http <-> fetch Request/Response bridge in front of Fedify.
import { createServer } from "node:http";
import { handleControl } from "./control.mjs";

const INBOX_PATH = /^\/(users\/[^/]+\/)?inbox$/;
const NOTE_PATH = /^\/users\/[^/]+\/notes\/[^/]+$/;

/** Starts listening on host:port and resolves once the socket is bound. */
export function startServer({ federation, state, origin, host, port }) {
  const app = { federation, state, origin };
  const server = createServer((req, res) => {
    handle(app, req)
      .then((response) => writeResponse(res, response))
      .catch((error) => {
        console.error(`request ${req.method} ${req.url} failed: ${error?.stack ?? error}`);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(error));
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

async function handle(app, req) {
  const url = new URL(req.url, app.origin);
  const body = await readBody(req);
  const rawBody = body.toString("utf8");
  if (url.pathname.startsWith("/_control/")) {
    return handleControl(app, url, req.method, rawBody);
  }
  if (req.method === "GET" && NOTE_PATH.test(url.pathname)) {
    const stored = app.state.notes.get(`${app.origin}${url.pathname}`);
    if (stored?.deleted) return tombstone(stored);
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, { method: req.method, headers, body: hasBody ? body : undefined });
  const signatureSpec = headers.has("signature-input") ? "rfc9421" : headers.has("signature") ? "cavage" : null;
  const response = await app.federation.fetch(request, { contextData: { rawBody, signatureSpec } });
  if (req.method === "POST" && INBOX_PATH.test(url.pathname)) {
    app.state.inboxRequests.push({
      path: url.pathname,
      status: response.status,
      signature: signatureSpec,
      receivedAt: new Date().toISOString(),
      body: rawBody,
    });
  }
  return response;
}

/** A deleted note answers 410 Gone with a Tombstone, as Mastodon does. */
function tombstone(stored) {
  const body = {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: stored.note.id.href,
    type: "Tombstone",
  };
  return new Response(JSON.stringify(body), {
    status: 410,
    headers: { "Content-Type": "application/activity+json" },
  });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function writeResponse(res, response) {
  const headers = {};
  response.headers.forEach((value, key) => { headers[key] = value; });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}
