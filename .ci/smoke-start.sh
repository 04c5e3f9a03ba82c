#!/usr/bin/env bash
# Starts the app the README's way on a fresh embedded data directory, waits for /healthz and the sign-in page,
# then sends SIGTERM and requires a clean exit within a few seconds.
set -euo pipefail
dir="$(mktemp -d)"; chmod 755 "$dir"   # PostgreSQL runs as the postgres user when we are root
data="$dir/pg"
port=3917
log="$(mktemp)"
# Its own process group, signalled as a whole the way a terminal (Ctrl-C) or a service manager does.
EMBEDDED_PG_DATA="$data" EMBEDDED_PG_PORT=24391 PORT=$port setsid env -u DATABASE_URL npm start >"$log" 2>&1 &
pid=$!
ok=""
for _ in $(seq 1 180); do
  # healthy, and the start-up report (address, demo accounts) printed: web processes may answer a moment before it
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && grep -q "起動しました" "$log"; then ok=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
cat "$log"
[ -n "$ok" ] || { echo "smoke: the server did not become healthy"; kill -9 "$pid" 2>/dev/null || true; exit 1; }
login_page="$(curl -fsS "http://127.0.0.1:$port/login")"
grep -q "デモ用アカウント" <<<"$login_page" || { echo "smoke: sign-in page without demo accounts"; exit 1; }
grep -q "demo-pass-2026" "$log" || { echo "smoke: demo accounts not printed"; exit 1; }
started=$(date +%s)
kill -TERM -- "-$pid"
for _ in $(seq 1 15); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 -- "-$pid" 2>/dev/null; then echo "smoke: still running 7 s after SIGTERM"; kill -9 -- "-$pid"; exit 1; fi
wait "$pid" || true
echo "smoke: stopped $(( $(date +%s) - started )) s after SIGTERM"
# the embedded server must be down too
for _ in $(seq 1 10); do pg_isready -q -h 127.0.0.1 -p 24391 2>/dev/null || break; sleep 0.5; done
if pg_isready -q -h 127.0.0.1 -p 24391 2>/dev/null; then echo "smoke: embedded PostgreSQL still running"; pkill -f "$data" || true; exit 1; fi
echo "smoke: ok"
