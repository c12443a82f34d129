// Activities the peer sends on behalf of its accounts, driven by the control API.
import { Temporal } from "@js-temporal/polyfill";
import {
  Announce, Create, Delete, Follow, Hashtag, isActor, LanguageString, Like, Mention, Note,
  PUBLIC_COLLECTION, Tombstone, Undo, Update,
} from "@fedify/vocab";
import { requireAccount } from "./state.mjs";

/**
 * Sends `activity` as `as` to a recipient description and returns the inbox URLs
 * used. `recipients` = { followers: bool, targets: [actor URL], inboxes: [inbox URL] }.
 * Like Mastodon, fan-out to followers goes to their shared inbox when they have one,
 * while activities aimed at one actor (Follow, Like, Accept…) go to its personal inbox.
 */
export async function deliver(ctx, state, as, activity, recipients) {
  const account = requireAccount(state, as);
  const list = [];
  if (recipients.followers) {
    for (const f of account.followers.values()) list.push(recipientAt(f.id, f.sharedInbox ?? f.inboxId));
  }
  for (const target of recipients.targets ?? []) {
    const actor = await lookupActor(ctx, as, target);
    list.push(recipientAt(actor.id.href, actor.inboxId?.href));
  }
  for (const inbox of recipients.inboxes ?? []) list.push(recipientAt(inbox, inbox));
  state.sent.set(activity.id.href, { as, activity, recipients });
  const usable = list.filter((r) => r.inboxId != null);
  if (usable.length === 0) return [];
  // Fedify groups recipients by inbox URL, so a follower that is also a target gets one POST.
  await ctx.sendActivity({ identifier: as }, usable, activity, { immediate: true });
  return [...new Set(usable.map((r) => r.inboxId.href))];
}

function recipientAt(id, inbox) {
  return { id: new URL(id), inboxId: inbox ? new URL(inbox) : null, endpoints: null };
}

/** Fetches a remote actor, signing the GET as `as` (works against authorized-fetch servers). */
export async function lookupActor(ctx, as, url) {
  const documentLoader = await ctx.getDocumentLoader({ identifier: as });
  const actor = await ctx.lookupObject(url, { documentLoader });
  if (!isActor(actor)) {
    throw Object.assign(new Error(`${url} did not resolve to an actor`), { status: 502 });
  }
  return actor;
}

function newId(ctx, as, kind) {
  return new URL(`${ctx.getActorUri(as).href}#${kind}/${crypto.randomUUID()}`);
}

export async function follow(ctx, state, { as, target }) {
  const account = requireAccount(state, as);
  const actor = await lookupActor(ctx, as, target);
  const activity = new Follow({ id: newId(ctx, as, "follows"), actor: ctx.getActorUri(as), object: actor.id, to: actor.id });
  account.following.set(actor.id.href, { followId: activity.id.href, state: "pending" });
  const deliveredTo = await deliver(ctx, state, as, activity, { targets: [actor.id.href] });
  return { id: activity.id.href, deliveredTo };
}

export async function unfollow(ctx, state, { as, target }) {
  const account = requireAccount(state, as);
  const entry = account.following.get(target);
  if (entry == null) throw Object.assign(new Error(`${as} does not follow ${target}`), { status: 404 });
  const original = state.sent.get(entry.followId).activity;
  const undo = new Undo({ id: newId(ctx, as, "undo"), actor: ctx.getActorUri(as), object: original, to: new URL(target) });
  account.following.delete(target);
  const deliveredTo = await deliver(ctx, state, as, undo, { targets: [target] });
  return { id: undo.id.href, deliveredTo };
}

function addressing(ctx, as, to, mentions) {
  const followers = ctx.getFollowersUri(as);
  const mentioned = mentions.map((m) => new URL(m));
  switch (to ?? "public") {
    case "public": return { tos: [PUBLIC_COLLECTION, ...mentioned], ccs: [followers], followers: true };
    case "unlisted": return { tos: [followers, ...mentioned], ccs: [PUBLIC_COLLECTION], followers: true };
    case "followers": return { tos: [followers, ...mentioned], ccs: [], followers: true };
    case "direct": return { tos: mentioned, ccs: [], followers: false };
    default: throw Object.assign(new Error(`unknown audience ${JSON.stringify(to)}`), { status: 400 });
  }
}

export async function create(ctx, state, body) {
  const { as, content, to, inbox, summary, tags = [], language, inReplyTo, mentions = [] } = body;
  requireAccount(state, as);
  if (typeof content !== "string") throw Object.assign(new Error("content is required"), { status: 400 });
  const { tos, ccs, followers } = addressing(ctx, as, to, mentions);
  const id = ctx.getObjectUri(Note, { identifier: as, id: crypto.randomUUID() });
  const published = Temporal.Now.instant();
  const note = new Note({
    id, url: id, attribution: ctx.getActorUri(as), published, tos, ccs,
    contents: language ? [content, new LanguageString(content, language)] : [content],
    summary: summary ?? null,
    sensitive: summary != null,
    replyTarget: inReplyTo ? new URL(inReplyTo) : null,
    tags: [
      ...tags.map((t) => new Hashtag({ href: new URL(`${ctx.origin}/tags/${encodeURIComponent(t)}`), name: `#${t}` })),
      ...mentions.map((m) => new Mention({ href: new URL(m), name: m })),
    ],
  });
  const activity = new Create({ id: new URL(`${id.href}#create`), actor: ctx.getActorUri(as), object: note, tos, ccs, published });
  const recipients = { followers, targets: mentions, inboxes: inbox ? [inbox] : [] };
  state.notes.set(id.href, { as, note, recipients, deleted: false, createId: activity.id.href });
  const deliveredTo = await deliver(ctx, state, as, activity, recipients);
  return { id: id.href, activity: activity.id.href, deliveredTo };
}

function requireNote(state, as, id) {
  const stored = state.notes.get(id);
  if (stored == null || stored.as !== as || stored.deleted) {
    throw Object.assign(new Error(`${as} has no live note ${id}`), { status: 404 });
  }
  return stored;
}

export async function update(ctx, state, { as, id, content, summary }) {
  const stored = requireNote(state, as, id);
  const changes = { updated: Temporal.Now.instant() };
  if (content != null) changes.contents = [content];
  if (summary !== undefined) Object.assign(changes, { summary, sensitive: summary != null });
  stored.note = stored.note.clone(changes);
  const activity = new Update({
    id: newId(ctx, as, "updates"), actor: ctx.getActorUri(as), object: stored.note,
    tos: stored.note.toIds, ccs: stored.note.ccIds,
  });
  const deliveredTo = await deliver(ctx, state, as, activity, stored.recipients);
  return { id: activity.id.href, deliveredTo };
}

export async function remove(ctx, state, { as, id }) {
  const stored = requireNote(state, as, id);
  stored.deleted = true;
  const activity = new Delete({
    id: new URL(`${id}#delete`), actor: ctx.getActorUri(as),
    object: new Tombstone({ id: new URL(id), deleted: Temporal.Now.instant() }),
    tos: stored.note.toIds, ccs: stored.note.ccIds,
  });
  const deliveredTo = await deliver(ctx, state, as, activity, stored.recipients);
  return { id: activity.id.href, deliveredTo };
}

/** The author of a remote object, or null when it cannot be fetched. */
async function authorOf(ctx, as, objectUrl) {
  try {
    const documentLoader = await ctx.getDocumentLoader({ identifier: as });
    return (await ctx.lookupObject(objectUrl, { documentLoader }))?.attributionId?.href ?? null;
  } catch {
    return null;
  }
}

export async function announce(ctx, state, { as, object, inbox }) {
  requireAccount(state, as);
  const author = inbox ? null : await authorOf(ctx, as, object);
  const activity = new Announce({
    id: newId(ctx, as, "announces"), actor: ctx.getActorUri(as), object: new URL(object),
    published: Temporal.Now.instant(),
    to: PUBLIC_COLLECTION, ccs: [ctx.getFollowersUri(as), ...(author ? [new URL(author)] : [])],
  });
  const recipients = { followers: true, targets: author ? [author] : [], inboxes: inbox ? [inbox] : [] };
  const deliveredTo = await deliver(ctx, state, as, activity, recipients);
  return { id: activity.id.href, deliveredTo };
}

export async function like(ctx, state, { as, object, inbox }) {
  requireAccount(state, as);
  const author = inbox ? null : await authorOf(ctx, as, object);
  if (!inbox && !author) throw Object.assign(new Error(`cannot find the author of ${object}; pass inbox`), { status: 502 });
  const activity = new Like({
    id: newId(ctx, as, "likes"), actor: ctx.getActorUri(as), object: new URL(object),
    to: author ? new URL(author) : null,
  });
  const recipients = { followers: false, targets: author ? [author] : [], inboxes: inbox ? [inbox] : [] };
  const deliveredTo = await deliver(ctx, state, as, activity, recipients);
  return { id: activity.id.href, deliveredTo };
}

export async function undo(ctx, state, { as, activity: activityId }) {
  const sent = state.sent.get(activityId);
  if (sent == null || sent.as !== as) throw Object.assign(new Error(`${as} sent no activity ${activityId}`), { status: 404 });
  const activity = new Undo({
    id: newId(ctx, as, "undo"), actor: ctx.getActorUri(as), object: sent.activity,
    tos: sent.activity.toIds, ccs: sent.activity.ccIds,
  });
  if (sent.activity instanceof Follow) {
    for (const [target, f] of state.accounts.get(as).following) if (f.followId === activityId) state.accounts.get(as).following.delete(target);
  }
  const deliveredTo = await deliver(ctx, state, as, activity, sent.recipients);
  return { id: activity.id.href, deliveredTo };
}
