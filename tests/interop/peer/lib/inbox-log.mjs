// What the inboxes received, in the shape the control API returns.

/** Appends an accepted activity to `state.received`. */
export async function recordReceived(ctx, state, activity) {
  let raw = null;
  try {
    raw = ctx.data?.rawBody ? JSON.parse(ctx.data.rawBody) : null;
  } catch {
    raw = null;
  }
  raw ??= await activity.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader });
  const object = raw?.object;
  state.received.push({
    type: typeOf(raw?.type) ?? activity.constructor.name,
    id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null,
    object: activity.objectId?.href ?? (typeof object === "string" ? object : object?.id ?? null),
    objectType: typeof object === "object" && object != null ? typeOf(object.type) : null,
    recipient: ctx.recipient,
    inbox: ctx.recipient == null ? "shared" : "personal",
    signature: ctx.data?.signatureSpec ?? null,
    receivedAt: new Date().toISOString(),
    raw,
  });
}

/**
 * The activities that concern one account: those posted to its personal inbox,
 * plus shared-inbox deliveries that either come from an actor it follows (how a
 * server fans out posts to followers) or mention its actor URI anywhere
 * (addressing, its followers collection, its notes, a Follow targeting it).
 */
export function receivedFor(state, origin, name) {
  const actorUri = `${origin}/users/${name}`;
  const following = state.accounts.get(name).following;
  const mentions = (json) =>
    [`"${actorUri}"`, `"${actorUri}/`, `"${actorUri}#`].some((needle) => json.includes(needle));
  return state.received.filter((r) =>
    r.recipient === name ||
    (r.recipient == null && (following.has(r.actor) || mentions(JSON.stringify(r.raw)))));
}

function typeOf(type) {
  return Array.isArray(type) ? type[0] : type ?? null;
}
