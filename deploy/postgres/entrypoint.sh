#!/bin/bash
# Creates the cluster in $PGDATA on the first start (the volume is empty), with POSTGRES_USER as its
# superuser, POSTGRES_PASSWORD required for every connection over the network (scram-sha-256), and the
# database POSTGRES_DB; then runs the server in the foreground. Later starts only run the server.
set -euo pipefail
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  echo "postgres: POSTGRES_PASSWORD is empty; docker-compose.yml takes it from MIDDLEWARE_DB_PASSWORD. Not starting." >&2
  exit 1
fi
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "postgres: first start, creating the cluster in $PGDATA"
  password_file=$(mktemp)
  trap 'rm -f "$password_file"' EXIT
  printf '%s' "$POSTGRES_PASSWORD" >"$password_file"
  # Over the socket inside the container (pg_isready, an admin's docker exec psql) without a password;
  # over the network only with it.
  initdb -D "$PGDATA" --username="$user" --pwfile="$password_file" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    # Single-user mode: no server, no network, before anyone can connect.
    echo "CREATE DATABASE \"${database//\"/\"\"}\"" | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
