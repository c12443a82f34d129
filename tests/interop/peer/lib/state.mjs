// Everything the peer knows lives in memory: a peer is started per test and thrown away.

/**
 * Creates the empty state for the given local account names; `created` maps a name to its account's
 * creation time (ISO 8601), published in its actor document as Mastodon does.
 */
export function createState(accountNames, created = new Map()) {
  const accounts = new Map();
  for (const name of accountNames) {
    accounts.set(name, {
      name,
      created: created.get(name) ?? null,
      keyPairs: [],
      /** actor id -> { id, inboxId, sharedInbox } */
      followers: new Map(),
      /** target actor id -> { followId, state: "pending" | "accepted" | "rejected" } */
      following: new Map(),
    });
  }
  return {
    accounts,
    /** note id -> { as, note, recipients, deleted, createId } */
    notes: new Map(),
    /** activity id -> { as, activity, recipients } for everything this peer sent */
    sent: new Map(),
    /** activities accepted by the inboxes, oldest first */
    received: [],
    /** every POST that reached an inbox path, with the status we answered */
    inboxRequests: [],
  };
}

/** Returns the account or throws a 400-shaped error. */
export function requireAccount(state, name) {
  const account = state.accounts.get(name);
  if (account == null) {
    throw Object.assign(new Error(`unknown account ${JSON.stringify(name)}`), { status: 400 });
  }
  return account;
}
