"""Mastodon.py (Debian's python3-mastodon) against the service: logs in through it to the stand-in
home instance, chooses a ranker, reads the whole home timeline with fetch_next (Link headers).
Prints JSON {"ids": [...], "expected": [...]}. Usage: python3 home_timeline.py <service base URL>"""
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

from mastodon import Mastodon

SERVICE = sys.argv[1]
REDIRECT = "https://app.example/callback"
HERE = os.path.dirname(os.path.abspath(__file__))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# The browser's cookies: the service binds the login to the cookie its handle form sets.
COOKIES = http.cookiejar.CookieJar()


def location(url, data=None):
    """The Location of a redirect answer, as a browser would see it."""
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(COOKIES))
    try:
        opener.open(urllib.request.Request(url, data=data))
    except urllib.error.HTTPError as redirect:
        if redirect.code in (301, 302, 303, 307, 308):
            return redirect.headers["Location"]
        raise
    raise RuntimeError(f"{url} did not redirect")


standin = subprocess.Popen(["node", os.path.join(HERE, "standin-serve.mjs")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
try:
    home = json.loads(standin.stdout.readline())
    client_id, client_secret = Mastodon.create_app("Mastodon.py test", scopes=["read", "write"], redirect_uris=REDIRECT, api_base_url=SERVICE)
    query = urllib.parse.urlencode({"client_id": client_id, "redirect_uri": REDIRECT, "response_type": "code", "scope": "read write", "state": "s1"})
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(COOKIES))
    page = browser.open(f"{SERVICE}/oauth/authorize?{query}").read().decode()
    login = re.search(r'name="login" value="([^"]+)"', page).group(1)
    to_home = location(f"{SERVICE}/oauth/authorize", urllib.parse.urlencode({"login": login, "handle": f"@alice@{home['host']}"}).encode())
    back = location(location(to_home))
    code = urllib.parse.parse_qs(urllib.parse.urlparse(back).query)["code"][0]

    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=SERVICE)
    api.log_in(code=code, redirect_uri=REDIRECT, scopes=["read", "write"])
    assert api.account_verify_credentials()["acct"] == "alice"
    preference = urllib.request.Request(f"{SERVICE}/api/v1/preferences/ranking", method="PUT",
        data=json.dumps({"ranker": "engagement", "parameters": {"boostWeight": 0, "replyWeight": 0, "halfLifeHours": 8760}}).encode(),
        headers={"Authorization": f"Bearer {api.access_token}", "Content-Type": "application/json"})
    urllib.request.urlopen(preference).read()

    ids, statuses = [], api.timeline_home(limit=16)
    while statuses:
        ids.extend(str(s["id"]) for s in statuses)
        statuses = api.fetch_next(statuses)
    print(json.dumps({"ids": ids, "expected": home["expected"]}))
finally:
    standin.stdin.close()
    standin.wait(timeout=10)
