// The browser's part of logging in through the service, in plain HTTP (no JavaScript needed).
/** The browser's part, in plain HTTP: the handle form, the stand-in's approval, back to the app.
 * Like a browser, it keeps the login cookie the form sets and sends it to /oauth/* again. */
export async function authorizeThroughService(service, clientId, redirectUri, homeHost) {
  const start = `${service}/oauth/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=read+write&state=s1`;
  const form = await fetch(start);
  const cookie = form.headers.getSetCookie().map(c => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error("no login cookie from the handle form");
  const page = await form.text();
  const login = /name="login" value="([^"]+)"/.exec(page)?.[1];
  if (!login) throw new Error(`no handle form:\n${page}`);
  const toHome = await fetch(`${service}/oauth/authorize`, {
    method: "POST", redirect: "manual", headers: { cookie }, body: new URLSearchParams({ login, handle: `@alice@${homeHost}` }),
  });
  const approved = await fetch(toHome.headers.get("location"), { redirect: "manual" });
  const toApp = await fetch(approved.headers.get("location"), { redirect: "manual", headers: { cookie } });
  const back = new URL(toApp.headers.get("location"));
  if (back.searchParams.get("state") !== "s1") throw new Error(`state lost: ${back}`);
  return back.searchParams.get("code");
}
