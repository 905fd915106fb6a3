#!/usr/bin/env bash
# Storefront catalog benchmark (issue 3): one catalog page (24 tiles) of a reseller with 2,000
# products, as an anonymous visitor, against a minimal endpoint in the same app that reads the same
# rows with one raw Npgsql query and writes 24 tiles. Both are measured in the same run with wrk
# at 64 connections; the script prints requests/s and p50/p99 latency for each, and the ratio.
#
#   bench/storefront-catalog.sh                  # defaults: 64 connections, 2 threads, 20 s each
#   CONNECTIONS=64 DURATION=30s bench/storefront-catalog.sh
#
# Needs: the .NET SDK, PostgreSQL server binaries, wrk (apt-get install wrk). Starts its own
# throwaway PostgreSQL and a Release build of the app in Production mode; removes both at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-15s}"
PAGE_PATH="/v2c/catalog?accountName=bench"
RAW_PATH="/v2c/bench-raw-catalog?accountName=bench"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
BIN="$(pg_config --bindir 2>/dev/null || true)"
[ -x "$BIN/initdb" ] || BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK="$(mktemp -d /tmp/ionportal-bench-XXXXXX)"
chmod 755 "$WORK"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$WORK"
PG_PORT="$(free_port)"
APP_PORT="$(free_port)"
APP_PID=""

cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    as_postgres "$BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== PostgreSQL on 127.0.0.1:$PG_PORT"
as_postgres "$BIN/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
as_postgres "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
PSQL=("$BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE ionportal_bench" >/dev/null

echo "== Release build"
dotnet build src/IonPortal.Web -c Release -nologo -v quiet >/dev/null

echo "== App on 127.0.0.1:$APP_PORT (Production, migrates at start)"
ASPNETCORE_ENVIRONMENT=Production \
ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
ConnectionStrings__IonPortal="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=ionportal_bench;Maximum Pool Size=100;Max Auto Prepare=50" \
Portal__PublicUrl="http://127.0.0.1:$APP_PORT" \
Bench__RawEndpoint=true \
Serilog__MinimumLevel__Default=Warning \
    dotnet src/IonPortal.Web/bin/Release/net10.0/IonPortal.Web.dll >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/health" && break
    sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/health" || { cat "$WORK/app.log"; exit 1; }

echo "== Seeding 2,000 products"
"${PSQL[@]}" -d ionportal_bench -f bench/catalog-seed.sql >/dev/null

tiles() { curl -fs "http://127.0.0.1:$APP_PORT$1" | grep -o '<article class="card[^"]*product-tile' | wc -l; }
PAGE_TILES="$(tiles "$PAGE_PATH")"
RAW_TILES="$(tiles "$RAW_PATH")"
echo "   storefront page: $PAGE_TILES tiles; raw endpoint: $RAW_TILES tiles"
[ "$PAGE_TILES" = "$RAW_TILES" ] || { echo "The two endpoints don't write the same number of tiles" >&2; exit 1; }

measure() { # name path → prints "req/s p50 p99"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$APP_PORT$2" >/dev/null   # JIT tiering settles
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$APP_PORT$2" >"$WORK/$1.txt"
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {print rps, p50, p99, (bad ? bad : 0)}' "$WORK/$1.txt"
}
echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per endpoint"
read -r RAW_RPS RAW_P50 RAW_P99 RAW_BAD < <(measure raw "$RAW_PATH")
read -r PAGE_RPS PAGE_P50 PAGE_P99 PAGE_BAD < <(measure page "$PAGE_PATH")

printf '\n%-34s %12s %10s %10s %8s\n' "endpoint" "requests/s" "p50" "p99" "non-2xx"
printf '%-34s %12s %10s %10s %8s\n' "raw Npgsql ($RAW_TILES tiles)" "$RAW_RPS" "$RAW_P50" "$RAW_P99" "$RAW_BAD"
printf '%-34s %12s %10s %10s %8s\n' "storefront catalog ($PAGE_TILES tiles)" "$PAGE_RPS" "$PAGE_P50" "$PAGE_P99" "$PAGE_BAD"
printf '\nstorefront / raw: %.1f×  (target ≥ 5×)\n' "$(echo "$PAGE_RPS / $RAW_RPS" | bc -l)"
