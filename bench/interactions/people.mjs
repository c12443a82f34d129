// A home instance on loopback where every login is a different person (u1, u2, …), with Mastodon's
// documented shapes for what the service asks during a login (app registration, an authorize page
// that approves at once, the token exchange, verify_credentials) and after opting in (the following
// list, empty). Then each person logs in through the service, as an app and a browser do, and opts in.
import http from "node:http";

export async function startHome() {
  let issued = 0;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    let body = "";
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    const json = (status, value) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(value));
    };
    const person = /^Bearer token-(\d+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (url.pathname === "/api/v1/apps")
      return json(200, { id: "1", name: "Middleware feeds", redirect_uri: form.get("redirect_uris"), client_id: "home-client", client_secret: "home-secret" });
    if (url.pathname === "/oauth/authorize") {
      const code = `code-${++issued}`;
      res.writeHead(302, { location: `${url.searchParams.get("redirect_uri")}?code=${code}&state=${encodeURIComponent(url.searchParams.get("state"))}` });
      return res.end();
    }
    if (url.pathname === "/oauth/token") {
      const n = /^code-(\d+)$/.exec(form.get("code") ?? "")?.[1];
      return n ? json(200, { access_token: `token-${n}`, token_type: "Bearer", scope: "read write", created_at: 1 })
        : json(400, { error: "invalid_grant" });
    }
    if (!person) return json(401, { error: "The access token is invalid" });
    if (url.pathname === "/api/v1/accounts/verify_credentials") {
      const base = `http://${req.headers.host}`;
      return json(200, { id: person, username: `u${person}`, acct: `u${person}`, display_name: `u${person}`, locked: false, bot: false,
        created_at: "2024-01-01T00:00:00.000Z", note: "", url: `${base}/@u${person}`, uri: `${base}/users/u${person}`,
        avatar: "", avatar_static: "", header: "", header_static: "", followers_count: 0, following_count: 0, statuses_count: 0,
        emojis: [], fields: [], source: { privacy: "public", sensitive: false, language: "en", note: "", fields: [] } });
    }
    if (url.pathname.endsWith("/following")) return json(200, []);
    return json(404, { error: "Record not found" });
  });
  await new Promise(resolve => server.listen(0, "127.0.0.1", resolve));
  return { server, host: `127.0.0.1:${server.address().port}` };
}

/** Logs a new person in through the service (app, handle form with its cookie, home approval,
 * callback, token exchange), opts them in to recording, and returns their bearer token. */
export async function signInOptedIn(service, homeHost) {
  const redirect = "https://app.example/callback";
  const post = (path, form) => fetch(`${service}${path}`, { method: "POST", body: new URLSearchParams(form) }).then(r => r.json());
  const app = await post("/api/v1/apps", { client_name: "interaction load", redirect_uris: redirect, scopes: "read write" });
  const form = await fetch(`${service}/oauth/authorize?client_id=${app.client_id}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=read+write&state=s1`);
  const cookie = form.headers.getSetCookie().map(c => c.split(";")[0]).join("; ");
  const login = /name="login" value="([^"]+)"/.exec(await form.text())?.[1];
  const toHome = await fetch(`${service}/oauth/authorize`, {
    method: "POST", redirect: "manual", headers: { cookie }, body: new URLSearchParams({ login, handle: `@someone@${homeHost}` }),
  });
  const approved = await fetch(toHome.headers.get("location"), { redirect: "manual" });
  const toApp = await fetch(approved.headers.get("location"), { redirect: "manual", headers: { cookie } });
  const code = new URL(toApp.headers.get("location")).searchParams.get("code");
  const { access_token } = await post("/oauth/token", {
    grant_type: "authorization_code", client_id: app.client_id, client_secret: app.client_secret, code, redirect_uri: redirect,
  });
  const optIn = await fetch(`${service}/api/v1/preferences/ranking`, {
    method: "PUT", headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ recordInteractions: true }),
  });
  if (!optIn.ok) throw new Error(`opting in: ${optIn.status} ${await optIn.text()}`);
  return access_token;
}
