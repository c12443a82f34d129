// Hand-built signed POSTs, for testing how the service treats good and bad signatures.
import { Temporal } from "@js-temporal/polyfill";
import { signRequest } from "@fedify/fedify";
import { generateRsaKeyPair } from "./federation.mjs";
import { requireAccount } from "./state.mjs";

const SPECS = { cavage: "draft-cavage-http-signatures-12", rfc9421: "rfc9421" };
const TAMPERS = ["none", "body", "wrong-key", "stale-date", "unsigned"];

/**
 * Signs `activity` as `as` and POSTs it to `inbox`, once, without double-knocking.
 * tamper: none | body (body changed after signing) | wrong-key (fresh key, same keyId)
 *       | stale-date (signed two hours ago) | unsigned (no signature at all).
 * signature: cavage (default) | rfc9421.
 */
export async function sendRaw(ctx, state, { as, inbox, activity, tamper = "none", signature = "cavage" }) {
  const account = requireAccount(state, as);
  if (!TAMPERS.includes(tamper)) throw Object.assign(new Error(`tamper must be one of ${TAMPERS.join(", ")}`), { status: 400 });
  const spec = SPECS[signature];
  if (spec == null) throw Object.assign(new Error("signature must be cavage or rfc9421"), { status: 400 });
  if (typeof inbox !== "string" || activity == null) throw Object.assign(new Error("inbox and activity are required"), { status: 400 });

  const keyId = (await ctx.getActorKeyPairs(as))[0].keyId;
  const privateKey = tamper === "wrong-key"
    ? (await generateRsaKeyPair()).privateKey
    : account.keyPairs[0].privateKey;
  const body = JSON.stringify(activity);
  const unsigned = new Request(inbox, {
    method: "POST",
    headers: { "Content-Type": "application/activity+json", Accept: "application/activity+json" },
    body,
  });
  let request = unsigned;
  if (tamper !== "unsigned") {
    const currentTime = tamper === "stale-date" ? Temporal.Now.instant().subtract({ hours: 2 }) : undefined;
    request = await signRequest(unsigned, privateKey, keyId, {
      spec, currentTime, body: new TextEncoder().encode(body).buffer,
    });
  }
  if (tamper === "body") {
    const changed = JSON.stringify({ ...activity, tampered: true });
    const headers = new Headers(request.headers);
    headers.delete("content-length");
    request = new Request(inbox, { method: "POST", headers, body: changed });
  }
  const response = await fetch(request, { redirect: "manual" });
  return {
    status: response.status,
    body: await response.text(),
    headers: Object.fromEntries(response.headers),
    sentHeaders: Object.fromEntries(request.headers),
  };
}
