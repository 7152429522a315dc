#!/usr/bin/env bash
# Starts Debian's redis-server for the tests (if nothing answers on the port yet): no persistence,
# bound to 127.0.0.1, daemonised. Idempotent. Prints the URL to export as ZHENGXIN_TEST_REDIS_URL.
set -euo pipefail
port="${REDIS_TEST_PORT:-6379}"
if redis-cli -p "$port" ping >/dev/null 2>&1; then
  echo "Redis already answers on 127.0.0.1:$port"
  exit 0
fi
dir=$(mktemp -d /tmp/zhengxin-redis-XXXXXX)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
  --daemonize yes --logfile "$dir/redis.log" --pidfile "$dir/redis.pid"
for _ in $(seq 1 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && { echo "Redis is up on redis://127.0.0.1:$port"; exit 0; }
  sleep 0.1
done
echo "redis-server did not answer on port $port; see $dir/redis.log" >&2
exit 1
