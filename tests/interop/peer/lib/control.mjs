// The /_control/ API that tests drive. JSON in, JSON out, loopback only, no auth.
import * as outbox from "./outbox.mjs";
import { receivedFor } from "./inbox-log.mjs";
import { sendRaw } from "./raw.mjs";
import { requireAccount } from "./state.mjs";

const POST_ROUTES = {
  follow: outbox.follow,
  unfollow: outbox.unfollow,
  create: outbox.create,
  update: outbox.update,
  delete: outbox.remove,
  announce: outbox.announce,
  like: outbox.like,
  undo: outbox.undo,
  raw: sendRaw,
};

/** Handles one control request; returns a fetch Response. */
export async function handleControl({ federation, state, origin }, url, method, rawBody) {
  const name = url.pathname.slice("/_control/".length);
  try {
    if (method === "GET") return json(200, query(state, origin, name, url.searchParams));
    if (method === "POST" && name === "clear") {
      state.received.length = 0;
      state.inboxRequests.length = 0;
      return json(200, { cleared: true });
    }
    const route = POST_ROUTES[name];
    if (method !== "POST" || route == null) return json(404, { error: `no control route ${method} ${name}` });
    const body = rawBody.length ? JSON.parse(rawBody) : {};
    const ctx = federation.createContext(new URL(origin), {});
    return json(200, await route(ctx, state, body));
  } catch (error) {
    const status = error.status ?? (error instanceof SyntaxError ? 400 : 502);
    if (status >= 500) console.error(`control ${name} failed: ${error?.stack ?? error}`);
    return json(status, { error: String(error?.message ?? error) });
  }
}

function query(state, origin, name, params) {
  const as = params.get("as");
  switch (name) {
    case "health":
      return { status: "ok", origin, accounts: [...state.accounts.keys()] };
    case "received": {
      const all = as == null ? state.received : (requireAccount(state, as), receivedFor(state, origin, as));
      const type = params.get("type");
      return type == null ? all : all.filter((r) => r.type === type);
    }
    case "inbox-requests":
      return state.inboxRequests;
    case "followers":
      return [...requireAccount(state, as).followers.values()];
    case "following":
      return [...requireAccount(state, as).following].map(([target, f]) => ({ target, ...f }));
    default:
      throw Object.assign(new Error(`no control route GET ${name}`), { status: 404 });
  }
}

function json(status, value) {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}
