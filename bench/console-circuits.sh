#!/usr/bin/env bash
# Console circuits benchmark (issue 8): staff sessions holding the console's customers page open
# interactively (a Blazor Server circuit each), against a reseller with 10,000 customers. Each
# session is a client speaking the Blazor protocol (CLIENT=protocol, the default) or a headless
# Chromium page (CLIENT=browser). Opens 100 sessions, then 300 (PARALLEL at a time, 6 by default), and in each open session runs
# a grid search. Prints, per step: p50/p95 time from navigation to interactive, p50/p95 search round
# trip (typing to new rows, less the search box's 300 ms typing pause), and the web process's memory
# per open circuit (managed heap after a full GC, and working set, over a warmed-up baseline); next to
# the same page's prerender-only request rate (wrk, no circuit).
#
#   bench/console-circuits.sh                    # defaults: SESSIONS=100,300; wrk 16 connections, 15 s warm-up + 20 s
#   PARALLEL=1 SESSIONS=100 bench/console-circuits.sh   # sessions open and search one at a time (default 6)
#   CLIENT=browser SESSIONS=100 bench/console-circuits.sh   # each session a Chromium page
#
# Needs: the .NET SDK, PostgreSQL server binaries, wrk (and for CLIENT=browser, Chromium at /usr/bin/chromium). Starts its own
# throwaway PostgreSQL and a Release build of the app in Production mode; removes both at the end.
cd "$(dirname "$0")/.."
CONNECTIONS="${CONNECTIONS:-16}"
SESSIONS="${SESSIONS:-100,300}"
source bench/lib.sh
require_short_runs
[ "${CLIENT:-protocol}" != browser ] || [ -x /usr/bin/chromium ] || { echo "Chromium is missing: apt-get install chromium" >&2; exit 1; }

start_portal
echo "== Seeding a reseller with 10,000 customers"
seed bench/catalog-seed.sql
seed bench/customers-seed.sql

echo "== Prerender only (the page's HTML, no circuit): wrk, $THREADS threads, $CONNECTIONS connections, $DURATION"
read -r RPS P50 P99 BAD < <(measure prerender /console/customers /account/signin admin@bench.test)
row "" "requests/s" "p50" "p99" "non-2xx"
row "customers page, prerendered" "$RPS" "$P50" "$P99" "$BAD"

echo
echo "== Circuits: sessions held open on /console/customers, then a search in each"
dotnet build bench/CircuitLoad -c Release -nologo -v quiet >/dev/null
dotnet bench/CircuitLoad/bin/Release/net10.0/CircuitLoad.dll "$APP" "$(sign_in /account/signin admin@bench.test)" "$SESSIONS"
echo
echo "web process: $(ps -o rss= -p "$APP_PID" | awk '{printf "%.0f MB resident", $1 / 1024}') at the end"
