#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (if not running) and gives the postgres role the password the
# tests use. Idempotent; for CI and for developers who want to run the PostgreSQL half of the tests.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | head -1 | awk '{print $1" "$2}')
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
echo "PostgreSQL $cluster is up on 127.0.0.1:5432"
