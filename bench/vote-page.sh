#!/usr/bin/env bash
# Vote page benchmark (issue 9): starts the service (Release, fresh SQLite file) on loopback, imports
# POSTS public posts (default 20,000) by consenting authors, adds a public feed ranked by 'bridging'
# (refitted once on the imported favourites), signs in CONNECTIONS people (sessions and consent written
# straight into SQLite, as a browser's sign-in would leave them), then runs bench/Middleware.VoteLoad:
# each connection one person, SECONDS of reading the vote page, then SECONDS of voting through it
# (GET the page, POST a vote with its antiforgery token, answered 303). Loader and service share the
# machine's cores.
# Usage: bench/vote-page.sh [posts=20000] [seconds=20] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/service.sh
POSTS=${1:-20000}; SECONDS_EACH=${2:-20}; CONNECTIONS=${3:-32}
PORT=${PORT:-5393}
DATA=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
TOKEN=bench-token

for project in src/Middleware.Server bench/Middleware.VoteLoad; do
  dotnet build -c Release "$project" -nologo -v q | grep -E "error|Warn|Elapsed" || true
done

# Posts spread over the last 48 hours, 2,000 authors, some favourites (the bridging fit's ratings);
# one session secret per person, and the SQL that stores them hashed, as the sign-in does.
python3 - "$POSTS" "$CONNECTIONS" "$DATA" <<'PY'
import base64, hashlib, json, os, random, sys, datetime
random.seed(9)
n, people, data = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
now = datetime.datetime.now(datetime.timezone.utc)
with open(f"{data}/posts.ndjson", "w") as out:
    for i in range(n):
        author = f"https://host{i % 50}.example/users/u{i % 2000}"
        published = now - datetime.timedelta(seconds=random.uniform(60, 48 * 3600))
        out.write(json.dumps({"type": "post", "uri": f"{author}/statuses/{i}", "url": f"{author}/statuses/{i}",
                              "author": author, "text": f"Post number {i}: " + "words " * random.randint(5, 40),
                              "published": published.isoformat()}) + "\n")
        for k in range(random.choice([0, 0, 1, 2, 5])):
            out.write(json.dumps({"type": "interaction", "kind": "favourite", "actor": f"https://fans.example/users/f{random.randrange(3000)}",
                                  "post": f"{author}/statuses/{i}", "at": published.isoformat()}) + "\n")
now_ms = int(now.timestamp() * 1000)
with open(f"{data}/sessions.txt", "w") as secrets, open(f"{data}/people.sql", "w") as sql:
    for p in range(1, people + 1):
        secret = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
        secrets.write(secret + "\n")
        digest = hashlib.sha256(secret.encode()).hexdigest()
        sql.write(f"INSERT INTO client_accounts (id, instance_host, upstream_id, acct, actor_uri, upstream_token, updated_at) "
                  f"VALUES ({p}, 'people.example', '{p}', 'p{p}@people.example', 'https://people.example/users/p{p}', '', {now_ms});\n")
        sql.write(f"INSERT INTO web_sessions (token_hash, account_id, created_at, expires_at) VALUES ('{digest}', {p}, {now_ms}, {now_ms + 86400000});\n")
        sql.write(f"INSERT INTO vote_consents (account_id, consented_at) VALUES ({p}, {now_ms});\n")
PY

# Snapshots of 1,000 posts (default 500), so that no one runs out of posts to vote on in the voting phase.
start_service Middleware__OpenFeeds__SnapshotSize=1000
import_posts "$DATA/posts.ndjson"
add_bench_feed bridging "$DATA/people.sql"
echo "refit: $(curl -sf -X POST -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$PORT/api/admin/rankers/bridging/refit | head -c 300)"
echo "stored posts: $(sqlite3 "$DATA/middleware.db" 'SELECT COUNT(*) FROM posts'), people: $(sqlite3 "$DATA/middleware.db" 'SELECT COUNT(*) FROM web_sessions')"

dotnet bench/Middleware.VoteLoad/bin/Release/net10.0/Middleware.VoteLoad.dll \
  "http://127.0.0.1:$PORT/feeds/bench/vote" "$DATA/sessions.txt" "$SECONDS_EACH" "$CONNECTIONS"
echo "votes stored: $(sqlite3 "$DATA/middleware.db" "SELECT COUNT(*) FROM person_signals WHERE event IN ('agree', 'disagree', 'pass')")"
