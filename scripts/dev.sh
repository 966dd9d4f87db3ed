#!/usr/bin/env bash
# `make dev`: installs what is missing, starts oms-dev with demo data on 127.0.0.1:8787 and
# `trunk serve` on 127.0.0.1:8080 with /api/ proxied to it, and prints the URL and token.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh

OMS_PORT=8787            # Trunk.toml's [[proxy]] points here
RECORDS="${RECORDS:-5000}"
mkdir -p target
cargo build -p oms-dev

log=target/oms-dev.log
target/debug/oms-dev --port "$OMS_PORT" --db target/oms-dev.sqlite3 --records "$RECORDS" --hostile >"$log" 2>&1 &
oms_pid=$!
trap 'kill "$oms_pid" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  grep -q '^records:' "$log" 2>/dev/null && break
  kill -0 "$oms_pid" 2>/dev/null || { cat "$log"; echo "oms-dev did not start" >&2; exit 1; }
  sleep 0.2
done
token=$(sed -n 's/^token: //p' "$log")
readonly_token=$(sed -n 's/^read-only token: //p' "$log")

cat <<MSG

  Open      http://127.0.0.1:8080
  Token     $token
            (read-only: $readonly_token — it can list but not remove)
  OMS       http://127.0.0.1:$OMS_PORT  ($(sed -n 's/^records: //p' "$log") demo records; log in $log)

  Sign in with the token; the OMS base URL field can stay as it is (trunk proxies /api/).

MSG
trunk serve
