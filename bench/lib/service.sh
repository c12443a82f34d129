# Shared by the benchmark scripts (sourced, not run): the service under test, started from its Release
# build on loopback with a fresh data folder, and a public feed 'bench' over imported posts.
# Expects PORT, DATA and TOKEN to be set.

# start_service [NAME=VALUE…]: starts the service with those extra settings, waits until it answers,
# and stops it (and removes DATA) when the script exits. Rate limits are off: every simulated person
# sends from 127.0.0.1, which the limits would count as one client.
start_service() {
  env Middleware__PublicUrl="http://127.0.0.1:$PORT" Middleware__AdminToken="$TOKEN" Middleware__RateLimits__Enabled=false \
      Middleware__DataDirectory="$DATA" Logging__LogLevel__Default=Warning "$@" \
      dotnet src/Middleware.Server/bin/Release/net10.0/Middleware.Server.dll --urls "http://127.0.0.1:$PORT" &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/actor" -o /dev/null && break; sleep 0.2; done
}

# import_posts FILE: POST /api/admin/import with an NDJSON file.
import_posts() {
  echo "import: $(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$1" "http://127.0.0.1:$PORT/api/admin/import")"
}

# add_bench_feed RANKER [SQL FILE]: every stored author consents to discovery and a public feed 'bench'
# ranks with RANKER, written straight into SQLite (imports carry no account flags); then the SQL file, if any.
add_bench_feed() {
  local now_ms=$(($(date +%s) * 1000))
  sqlite3 -cmd ".timeout 10000" "$DATA/middleware.db" <<SQL
INSERT OR REPLACE INTO author_consent (actor_uri, discoverable, indexable, updated_at)
  SELECT DISTINCT author_uri, 1, 1, $now_ms FROM posts;
INSERT INTO feeds (name, display_name, description, source_ids, filters, ranker, parameters,
                   boost_interval_seconds, max_boosts_per_hour, is_public, version, created_at, updated_at)
  VALUES ('bench', 'Bench', 'Benchmark feed', NULL, NULL, '$1', '{}', 300, 12, 1, 1, $now_ms, $now_ms);
${2:+.read $2}
SQL
}
