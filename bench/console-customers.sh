#!/usr/bin/env bash
# Console customers list benchmark (issues 4 and 8): a reseller with 10,000 customers. The list is a
# grid in a circuit, which loads its rows from the database after the page is prerendered; so this
# script times each of the list's queries in the database (EXPLAIN ANALYZE of the page and of its
# count: first page, a deep page, a search, a status filter sorted by contact, newest first), and
# measures the prerendered page's request rate (wrk, 16 connections) for it and for a reseller with 25
# customers. bench/console-circuits.sh measures the grid itself, in open circuits.
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
# name | admin who signs in
PAGES=(
    "customers page, 10,000 customers|admin@bench.test"
    "customers page, 25 customers|admin@benchsmall.test"
)
for entry in "${PAGES[@]}"; do
    IFS='|' read -r name email <<<"$entry"
    html="$(curl -fs -H "Cookie: $(sign_in /account/signin "$email")" "$APP/console/customers")"
    [[ "$html" == *"<!--Blazor:"* && "$html" == *"customer-search"* ]] || { echo "$name: not the prerendered customers page (signed in?)" >&2; exit 1; }
done

echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per page (prerendered HTML; the rows follow in the circuit)"
echo
row "page" "requests/s" "p50" "p99" "non-2xx"
for entry in "${PAGES[@]}"; do
    IFS='|' read -r name email <<<"$entry"
    read -r RPS P50 P99 BAD < <(measure "page-$RANDOM" /console/customers /account/signin "$email")
    row "$name" "$RPS" "$P50" "$P99" "$BAD"
done
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
