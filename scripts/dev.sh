#!/usr/bin/env bash
# `make dev`: installs what is missing, starts oms-dev with demo data on 127.0.0.1:8787, the
# demo shell (an Omnitron stand-in embedding the app) on localhost:8081, and `trunk serve` on
# 127.0.0.1:8080 with /api/ proxied to oms-dev, and prints the URLs and token.
# Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh

OMS_PORT=8787            # Trunk.toml's [[proxy]] points here
SHELL_PORT=8081          # the app's shell_origins below names it
RECORDS="${RECORDS:-5000}"
mkdir -p target
cargo build -p oms-dev

log=target/oms-dev.log
# Emptied here, not by the redirection: that happens in the child, possibly after the loop
# below has read the previous run's log (and its token).
: >"$log"
target/debug/oms-dev --port "$OMS_PORT" --db target/oms-dev.sqlite3 --records "$RECORDS" --hostile >>"$log" 2>&1 &
oms_pid=$!
shell_pid=
trap 'kill $oms_pid $shell_pid 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  grep -q '^records:' "$log" 2>/dev/null && break
  kill -0 "$oms_pid" 2>/dev/null || { cat "$log"; echo "oms-dev did not start" >&2; exit 1; }
  sleep 0.2
done
grep -q '^records:' "$log" || { cat "$log"; echo "oms-dev did not report ready" >&2; exit 1; }
token=$(sed -n 's/^token: //p' "$log")
readonly_token=$(sed -n 's/^read-only token: //p' "$log")

# The demo shell: embeds the app from another origin (localhost vs 127.0.0.1) and signs it in
# with the token over the UI Protocol; "Rotate token" replaces oms-dev's token through it.
shell_log=target/demo-shell.log
: >"$shell_log"
node demo-shell/server.mjs --port "$SHELL_PORT" --app http://127.0.0.1:8080 \
  --oms-base http://127.0.0.1:8080 --oms-dev "http://127.0.0.1:$OMS_PORT" --token "$token" >>"$shell_log" 2>&1 &
shell_pid=$!
for _ in $(seq 1 50); do
  grep -q '^demo-shell listening' "$shell_log" 2>/dev/null && break
  kill -0 "$shell_pid" 2>/dev/null || { cat "$shell_log"; echo "the demo shell did not start" >&2; exit 1; }
  sleep 0.1
done

cat <<MSG

  Open      http://127.0.0.1:8080
  Shell     http://localhost:$SHELL_PORT
            (the shell embeds the app on another origin and signs it in with the token)
  Token     $token
            (read-only: $readonly_token — it can list but not remove)
  OMS       http://127.0.0.1:$OMS_PORT  ($(sed -n 's/^records: //p' "$log") demo records; log in $log)

  Sign in with the token; the OMS base URL field can stay as it is (trunk proxies /api/).

MSG
# The app takes part in the UI Protocol only with origins it lists (written into index.html
# by the post-build hook, scripts/post-build.mjs).
OMS_ADMIN_CONFIG="{\"shell_origins\":[\"http://localhost:$SHELL_PORT\"]}" trunk serve
