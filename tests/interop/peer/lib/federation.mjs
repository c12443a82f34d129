// The Fedify side of the peer: actors, keys, collections, objects and inbox listeners.
import { createFederation, MemoryKvStore } from "@fedify/fedify";
import {
  Accept, Activity, Endpoints, Follow, Note, Person, Reject, Undo,
} from "@fedify/vocab";
import { recordReceived } from "./inbox-log.mjs";

/**
 * Builds the Federation. No message queue: sends happen inside the calling
 * request and inbox listeners run before the inbox answers, so tests can
 * assert right after a control call returns.
 */
export async function buildFederation({ state, origin, firstKnock }) {
  const federation = createFederation({
    kv: new MemoryKvStore(),
    origin,
    // Loopback targets are private addresses; Fedify refuses them otherwise.
    allowPrivateAddress: true,
    // `undefined` keeps Fedify's default (RFC 9421 first, then draft-cavage).
    ...(firstKnock ? { firstKnock } : {}),
  });

  for (const account of state.accounts.values()) {
    account.keyPairs = [await generateRsaKeyPair()];
  }

  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      const account = state.accounts.get(identifier);
      if (account == null) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: identifier[0].toUpperCase() + identifier.slice(1),
        summary: `Interop test peer account ${identifier}`,
        url: ctx.getActorUri(identifier),
        inbox: ctx.getInboxUri(identifier),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        following: ctx.getFollowingUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        manuallyApprovesFollowers: false,
        discoverable: true,
        ...(account.created ? { published: Temporal.Instant.from(account.created) } : {}),
        publicKey: keys[0].cryptographicKey,
        assertionMethods: keys.map((k) => k.multikey),
      });
    })
    .setKeyPairsDispatcher((_ctx, identifier) => state.accounts.get(identifier)?.keyPairs ?? []);

  federation
    .setFollowersDispatcher("/users/{identifier}/followers", (_ctx, identifier) => {
      const account = state.accounts.get(identifier);
      if (account == null) return null;
      return { items: [...account.followers.values()].map(toRecipient) };
    })
    .setCounter((_ctx, identifier) => state.accounts.get(identifier)?.followers.size ?? 0);

  federation.setFollowingDispatcher("/users/{identifier}/following", (_ctx, identifier) => {
    const account = state.accounts.get(identifier);
    if (account == null) return null;
    const accepted = [...account.following].filter(([, f]) => f.state === "accepted");
    return { items: accepted.map(([id]) => new URL(id)) };
  });

  federation.setOutboxDispatcher("/users/{identifier}/outbox", (_ctx, identifier) => {
    if (!state.accounts.has(identifier)) return null;
    const items = [...state.notes.values()]
      .filter((n) => n.as === identifier && !n.deleted)
      .map((n) => state.sent.get(n.createId)?.activity)
      .filter((a) => a != null)
      .reverse();
    return { items };
  });

  federation.setObjectDispatcher(Note, "/users/{identifier}/notes/{id}", (ctx, values) => {
    const id = ctx.getObjectUri(Note, values).href;
    const stored = state.notes.get(id);
    return stored == null || stored.deleted ? null : stored.note;
  });

  federation.setNodeInfoDispatcher("/nodeinfo/2.1", () => ({
    software: { name: "middleware-interop-peer", version: "0.1.0" },
    protocols: ["activitypub"],
    usage: { users: { total: state.accounts.size }, localPosts: state.notes.size, localComments: 0 },
    openRegistrations: false,
  }));

  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .on(Follow, (ctx, follow) => onFollow(ctx, state, follow))
    .on(Accept, (ctx, accept) => onFollowAnswer(ctx, state, accept, "accepted"))
    .on(Reject, (ctx, reject) => onFollowAnswer(ctx, state, reject, "rejected"))
    .on(Undo, (ctx, undo) => onUndo(ctx, state, undo))
    .on(Activity, (ctx, activity) => recordReceived(ctx, state, activity))
    .onError((_ctx, error) => console.error(`inbox listener failed: ${error?.stack ?? error}`));

  return federation;
}

/**
 * A 2048-bit RSA key, like Mastodon's. (Fedify's generateCryptoKeyPair makes 4096-bit
 * keys, which take seconds to generate on a busy 2-core machine.)
 */
export function generateRsaKeyPair() {
  return crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
}

/** A stored follower as a Fedify Recipient (what sendActivity and extractInboxes want). */
function toRecipient(follower) {
  return {
    id: new URL(follower.id),
    inboxId: follower.inboxId ? new URL(follower.inboxId) : null,
    endpoints: follower.sharedInbox ? { sharedInbox: new URL(follower.sharedInbox) } : null,
  };
}

/** Records the Follow; when it targets a local account, stores the follower and accepts. */
async function onFollow(ctx, state, follow) {
  await recordReceived(ctx, state, follow);
  const parsed = ctx.parseUri(follow.objectId);
  if (parsed?.type !== "actor" || follow.actorId == null || follow.id == null) return;
  const account = state.accounts.get(parsed.identifier);
  if (account == null) return;
  const documentLoader = await ctx.getDocumentLoader({ identifier: account.name });
  const follower = await follow.getActor({ documentLoader, contextLoader: ctx.contextLoader });
  if (follower == null) return;
  account.followers.set(follower.id.href, {
    id: follower.id.href,
    inboxId: follower.inboxId?.href ?? null,
    sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
  });
  const accept = new Accept({
    id: new URL(`${ctx.getActorUri(account.name).href}#accepts/${crypto.randomUUID()}`),
    actor: ctx.getActorUri(account.name),
    object: follow,
    to: follower.id,
  });
  state.sent.set(accept.id.href, { as: account.name, activity: accept, recipients: { followers: false, targets: [follower.id.href] } });
  await ctx.sendActivity({ identifier: account.name }, follower, accept, { immediate: true });
}

/** Records an Accept/Reject and, when it answers one of our Follows, updates `following`. */
async function onFollowAnswer(ctx, state, answer, newState) {
  await recordReceived(ctx, state, answer);
  const followId = answer.objectId?.href;
  for (const account of state.accounts.values()) {
    for (const [target, f] of account.following) {
      // Some servers answer with the Follow's id, others with only the actor; match either.
      if (f.followId === followId || (followId == null && target === answer.actorId?.href)) {
        f.state = newState;
      }
    }
  }
}

/** Records an Undo; an Undo(Follow) removes the follower. */
async function onUndo(ctx, state, undo) {
  await recordReceived(ctx, state, undo);
  let object = null;
  try {
    object = await undo.getObject({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader });
  } catch {
    // The undone object may not be fetchable (Mastodon embeds it, others may not).
  }
  if (!(object instanceof Follow) || undo.actorId == null) return;
  const parsed = ctx.parseUri(object.objectId);
  if (parsed?.type !== "actor") return;
  state.accounts.get(parsed.identifier)?.followers.delete(undo.actorId.href);
}
