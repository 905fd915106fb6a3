#!/usr/bin/env bash
# Console customers list benchmark (issue 4): a reseller with 10,000 customers; a signed-in admin
# opens the list (25 per page): first page, a deep page, a search, a status filter sorted by
# contact, newest first; and the first page of a reseller with 25 customers, for comparison.
# Prints requests/s and p50/p99 latency for each (wrk, 16 connections), and the database time of
# each list query on the 10,000 (EXPLAIN ANALYZE of the page and of its count).
#
#   bench/console-customers.sh                   # defaults: 16 connections, 2 threads, 15 s warm-up + 10 s each
#
# Needs: the .NET SDK, PostgreSQL server binaries, wrk (apt-get install wrk). Starts its own
# throwaway PostgreSQL and a Release build of the app in Production mode; removes both at the end.
cd "$(dirname "$0")/.."
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-15s}"
source bench/lib.sh
require_short_runs

start_portal
echo "== Seeding a reseller with 10,000 customers and one with 25"
seed bench/catalog-seed.sql
seed bench/customers-seed.sql
# name | admin who signs in | list
LISTS=(
    "first page, by company|admin@bench.test|/console/customers"
    "page 200 of 400|admin@bench.test|/console/customers?page=200"
    "search \"fabrikam health\"|admin@bench.test|/console/customers?q=fabrikam%20health"
    "suspended, by contact|admin@bench.test|/console/customers?status=Suspended&sort=contact"
    "newest first|admin@bench.test|/console/customers?sort=created&desc=true"
    "first page, a reseller with 25 customers|admin@benchsmall.test|/console/customers"
)

for list in "${LISTS[@]}"; do
    IFS='|' read -r name email path <<<"$list"
    html="$(curl -fs -H "Cookie: $(sign_in /account/signin "$email")" "$APP$path")"
    rows="$(grep -c 'href="/console/customers/' <<<"$html" || true)"
    [ "$rows" -gt 0 ] || { echo "$name: no customers listed (signed in?)" >&2; exit 1; }
done

echo "== Warming up on every list (the first minutes after a start run slower)"
for list in "${LISTS[@]}"; do
    IFS='|' read -r name email path <<<"$list"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Cookie: $(sign_in /account/signin "$email")" "$APP$path" >/dev/null
done

echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per list"
echo
row "list (25 per page)" "requests/s" "p50" "p99" "non-2xx"
for list in "${LISTS[@]}"; do
    IFS='|' read -r name email path <<<"$list"
    read -r RPS P50 P99 BAD < <(measure "list-$RANDOM" "$path" /account/signin "$email")
    row "$name" "$RPS" "$P50" "$P99" "$BAD"
    case "$name" in "first page, by company") LARGE_RPS="$RPS";; "first page, a reseller with 25"*) SMALL_RPS="$RPS";; esac
done
printf '\nfirst page with 10,000 customers / with 25: %.2f× the requests/s\n' "$(echo "$LARGE_RPS / $SMALL_RPS" | bc -l)"
echo
echo "== Database time per query (EXPLAIN ANALYZE, warm)"
explain() { # name, where, order, offset
    local sql="SELECT id, company_name, contact_first_name || ' ' || contact_last_name, contact_email, domain, status, country, created_at FROM customers WHERE reseller_id = md5('bench-reseller')::uuid $2 ORDER BY $3 LIMIT 25 OFFSET $4"
    local count="SELECT count(*) FROM customers WHERE reseller_id = md5('bench-reseller')::uuid $2"
    local page_ms count_ms
    page_ms="$("${PSQL[@]}" -d ionportal_bench -tAc "EXPLAIN (ANALYZE, FORMAT JSON) $sql" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')"
    count_ms="$("${PSQL[@]}" -d ionportal_bench -tAc "EXPLAIN (ANALYZE, FORMAT JSON) $count" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')"
    printf '%-44s page %7.2f ms   count %7.2f ms\n' "$1" "$page_ms" "$count_ms"
}
explain "first page, by company" "" "company_name, id" 0
explain "page 200 of 400" "" "company_name, id" 4975
explain "search \"fabrikam health\"" "AND search_text ILIKE '%fabrikam health%'" "company_name, id" 0
explain "suspended, by contact" "AND status = 'Suspended'" "contact_last_name, contact_first_name" 0
explain "newest first" "" "created_at DESC" 0
