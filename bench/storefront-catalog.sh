#!/usr/bin/env bash
# Storefront catalog benchmark (issues 3, 4 and 8): one catalog page (24 tiles) of a reseller with
# 2,000 products, (1) as an anonymous visitor, (2) as a signed-in customer priced by its own price
# book, viewing the page again (served from that person's own cache entry), and (3) the same
# customer on a page they haven't seen (a new query value each request, so each is rendered), against
# a minimal endpoint in the same app that reads the same rows with one raw Npgsql query and writes 24
# tiles. All are measured in the same run with wrk at 64 connections; the script prints requests/s
# and p50/p99 latency for each, and the ratios to the raw endpoint.
#
#   bench/storefront-catalog.sh                  # defaults: 64 connections, 2 threads, 20 s each
#   CONNECTIONS=64 DURATION=30s bench/storefront-catalog.sh   # each run under a minute (a session is re-checked each minute)
#
# Needs: the .NET SDK, PostgreSQL server binaries, wrk (apt-get install wrk). Starts its own
# throwaway PostgreSQL and a Release build of the app in Production mode; removes both at the end.
cd "$(dirname "$0")/.."
source bench/lib.sh
require_short_runs

PAGE_PATH="/v2c/catalog?accountName=bench"
RAW_PATH="/v2c/bench-raw-catalog?accountName=bench"

start_portal
echo "== Seeding 2,000 products and a customer with its own price book"
seed bench/catalog-seed.sql
SIGN_IN=("/v2c/signin?accountName=bench" customer@bench.test)
COOKIE="$(sign_in "${SIGN_IN[@]}")"

page() { curl -fs ${2:+-H "Cookie: $2"} "$APP$1"; }
# A tile is an element with the class product-tile (the raw endpoint's <article>, the page's MudPaper).
tiles() { { grep -o 'product-tile[" ]' || true; } | wc -l; }
prices() { { grep -o 'product-tile-amount">[^<]*' || true; } | sed 's/.*>//' | paste -sd ' ' -; }
VISITOR_HTML="$(page "$PAGE_PATH")"
CUSTOMER_HTML="$(page "$PAGE_PATH" "$COOKIE")"
PAGE_TILES="$(tiles <<<"$VISITOR_HTML")"
CUSTOMER_TILES="$(tiles <<<"$CUSTOMER_HTML")"
RAW_TILES="$(page "$RAW_PATH" | tiles)"
echo "   raw endpoint: $RAW_TILES tiles; storefront page: $PAGE_TILES tiles; signed-in customer: $CUSTOMER_TILES tiles"
[ "$PAGE_TILES" = "$RAW_TILES" ] && [ "$CUSTOMER_TILES" = "$RAW_TILES" ] || { echo "The endpoints don't write the same number of tiles" >&2; exit 1; }
# The customer's page must really be the signed-in one, priced by its own book (8 % over cost, not 15 %).
[[ "$CUSTOMER_HTML" == *"Cora Bench"* ]] || { echo "The customer's session didn't sign in" >&2; exit 1; }
echo "   visitor prices:  $(prices <<<"$VISITOR_HTML" | cut -c1-90)…"
echo "   customer prices: $(prices <<<"$CUSTOMER_HTML" | cut -c1-90)…"
[ "$(prices <<<"$VISITOR_HTML")" != "$(prices <<<"$CUSTOMER_HTML")" ] || { echo "The customer sees the visitor's prices" >&2; exit 1; }

echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per endpoint"
read -r RAW_RPS RAW_P50 RAW_P99 RAW_BAD < <(measure raw "$RAW_PATH")
read -r PAGE_RPS PAGE_P50 PAGE_P99 PAGE_BAD < <(measure page "$PAGE_PATH")
read -r CUST_RPS CUST_P50 CUST_P99 CUST_BAD < <(measure customer "$PAGE_PATH" "${SIGN_IN[@]}")
# Every request a page the customer hasn't seen: an extra query value the page ignores but the cache keys on.
cat >"$WORK/first-views.lua" <<'LUA'
request = function() return wrk.format(nil, wrk.path .. "&view=" .. math.random(1, 1000000000)) end
LUA
read -r NEW_RPS NEW_P50 NEW_P99 NEW_BAD < <(WRK_SCRIPT="$WORK/first-views.lua" measure first-views "$PAGE_PATH" "${SIGN_IN[@]}")

echo
row "endpoint" "requests/s" "p50" "p99" "non-2xx"
row "raw Npgsql ($RAW_TILES tiles)" "$RAW_RPS" "$RAW_P50" "$RAW_P99" "$RAW_BAD"
row "storefront catalog, visitor ($PAGE_TILES tiles)" "$PAGE_RPS" "$PAGE_P50" "$PAGE_P99" "$PAGE_BAD"
row "storefront catalog, customer's own book" "$CUST_RPS" "$CUST_P50" "$CUST_P99" "$CUST_BAD"
row "  the customer's first view of a page" "$NEW_RPS" "$NEW_P50" "$NEW_P99" "$NEW_BAD"
echo
printf 'visitor / raw:  %.1f×  (target ≥ 30×, p99 ≤ 15 ms)\n' "$(echo "$PAGE_RPS / $RAW_RPS" | bc -l)"
printf 'customer / raw: %.1f×  (target ≥ 4×)\n' "$(echo "$CUST_RPS / $RAW_RPS" | bc -l)"
printf 'customer first view / raw: %.1f×  (rendered for them; no target)\n' "$(echo "$NEW_RPS / $RAW_RPS" | bc -l)"
