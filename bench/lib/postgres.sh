# Shared by the benchmark scripts (sourced, not run): a throw-away PostgreSQL from Debian's packages
# (initdb/pg_ctl under /usr/lib/postgresql/N/bin), as tests/Shared/Postgres/PostgresServer.cs starts
# one, but durable: fsync, full_page_writes and synchronous_commit stay on (the defaults), so a 202
# still means the activity is on disk. It listens on a unix socket in its folder only.
#
# start_postgres FOLDER: initdb + start in FOLDER (created; removed by stop_postgres); PG_CPUS pins the server (taskset). Sets PG_BIN,
#   PG_FOLDER, PG_CONN (an Npgsql connection string to database 'middleware') and PG_PID (postmaster).
# stop_postgres: stops it at once and removes FOLDER.
# pg_sql SQL…: runs SQL through psql on database 'middleware'.
# pg_cpu_ticks: user+system clock ticks of the postmaster, its live backends and its reaped ones.

PG_SETTINGS=(
  # Sized for this 2-core, 24 GB benchmark machine shared with the service: a quarter of a small
  # server's memory for pages, a large WAL so that no checkpoint is forced inside a 20-s phase
  # (checkpoints are spread: completion target 0.9), and WAL writes grouped by the WAL writer.
  -c shared_buffers=512MB -c effective_cache_size=2GB -c work_mem=16MB -c maintenance_work_mem=256MB
  -c max_wal_size=4GB -c min_wal_size=1GB -c checkpoint_timeout=15min -c checkpoint_completion_target=0.9
  -c wal_buffers=16MB -c max_connections=200
  # Statement statistics, for finding where the time goes (read with pg_stat_statements).
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all
)

start_postgres() {
  PG_FOLDER=$1
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)" >&2; return 1; }
  mkdir -p "$PG_FOLDER"
  # PostgreSQL refuses to run as root: under root it runs as Debian's postgres user.
  PG_AS=()
  # (mktemp folders are private to root: the folders above it must let that user through).
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_FOLDER"; PG_AS=(runuser -u postgres --)
    local up; up=$(dirname "$PG_FOLDER")
    while [ "$up" != / ]; do chmod o+x "$up"; up=$(dirname "$up"); done
  fi
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_FOLDER/data" -U middleware --auth=trust -E UTF8 --locale=C --no-instructions >/dev/null
  ${PG_CPUS:+taskset -c "$PG_CPUS"} "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_FOLDER/data" -l "$PG_FOLDER/server.log" -w -t 60 \
    -o "-k $PG_FOLDER -p 5432 -c listen_addresses= ${PG_SETTINGS[*]}" start >/dev/null
  PG_PID=$(head -1 "$PG_FOLDER/data/postmaster.pid")
  "${PG_AS[@]}" "$PG_BIN/psql" -h "$PG_FOLDER" -U middleware -d postgres -qc 'CREATE DATABASE middleware'
  pg_sql 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null
  PG_CONN="Host=$PG_FOLDER;Port=5432;Username=middleware;Database=middleware${PG_CONN_EXTRA:+;$PG_CONN_EXTRA}"
}

stop_postgres() {
  [ -n "${PG_FOLDER:-}" ] || return 0
  [ -f "$PG_FOLDER/data/postmaster.pid" ] && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_FOLDER/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_FOLDER"
  PG_FOLDER=
}

pg_sql() {
  "${PG_AS[@]}" "$PG_BIN/psql" -h "$PG_FOLDER" -U middleware -d middleware -v ON_ERROR_STOP=1 -qAt -c "$*"
}

pg_cpu_ticks() {
  # A backend's CPU moves into the postmaster's cutime/cstime when it exits, so the total over the
  # postmaster (fields 14-17) and its live children (14-15) counts every process the server ran.
  local total
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PG_PID/stat")
  for child in $(pgrep -P "$PG_PID"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
