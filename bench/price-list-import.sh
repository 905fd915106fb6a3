#!/usr/bin/env bash
# Price list import benchmark (issue 11): a generated Partner Center new-commerce price list of
# 4,400 rows (235 products, 1,410 product/SKU pairs, three ways to pay each, some Education rows)
# imported into an empty catalog, then the same file again (nothing to change), then a month with
# a tenth of the prices changed; next to `psql \copy` of the same file into a scratch table of 21
# text columns, in the same run. Prints the times and the ratio to \copy.
#
#   bench/price-list-import.sh                 # defaults: 4,400 rows
#   ROWS=20000 bench/price-list-import.sh
#
# Needs: the .NET SDK, PostgreSQL server binaries, python3 (and wrk, which the shared setup checks).
cd "$(dirname "$0")/.."
source bench/lib.sh
ROWS="${ROWS:-4400}"

start_portal
kill "$APP_PID" && wait "$APP_PID" 2>/dev/null || true   # the database is migrated; the import runs as a command
APP_PID=""

echo "== Generating $ROWS rows"
python3 - "$ROWS" "$WORK/prices.csv" "$WORK/prices-changed.csv" <<'PY'
import csv, random, sys
rows, path, changed_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
random.seed(11)
header = ["ChangeIndicator","ProductTitle","ProductId","SkuId","SkuTitle","Publisher","SkuDescription","UnitOfMeasure","TermDuration","BillingPlan","Market","Currency","UnitPrice","PricingTierRangeMin","PricingTierRangeMax","EffectiveStartDate","EffectiveEndDate","Tags","ERP Price","Segment","PreviousValues"]
ways = [("P1M", "Monthly", 1.2), ("P1Y", "Monthly", 12), ("P1Y", "Annual", 12)]
out = []
products = max(1, rows // 18)
for p in range(products):
    pid = f"CFQ7TTC0{p:04X}"
    title = f"Microsoft Cloud Service {p:03d}, Plan \"{random.choice(['Basic','Standard','Premium'])}\""
    for s in range(6):
        monthly = round(random.uniform(2, 60), 2)
        for term, billing, months in ways:
            price = round(monthly * months, 2)
            out.append(["Unchanged", title, pid, f"{s + 1:04d}", f"{title} SKU {s + 1}", "Microsoft Corporation", "Cloud service, for business", "1",
                        term, billing, "US", "USD", f"{price}", "", "", "11/01/2025", "", "License", f"{round(price * 1.2, 2)}", "Commercial", ""])
            if len(out) >= rows:
                break
        if len(out) >= rows:
            break
while len(out) < rows:   # Education rows of the first products: read, then left out
    base = list(out[len(out) % (products * 18)]); base[19] = "Education"; base[12] = str(round(float(base[12]) * 0.8, 2)); out.append(base)
for target, rows_ in ((path, out), (changed_path, [r[:12] + [str(round(float(r[12]) * 1.05, 2)) if i % 10 == 0 else r[12]] + r[13:] for i, r in enumerate(out)])):
    with open(target, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, lineterminator="\r\n"); w.writerow(header); w.writerows(rows_)
PY
chmod 644 "$WORK"/*.csv

import() {
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__IonPortal="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=ionportal_bench" \
    Serilog__MinimumLevel__Default=Warning \
        dotnet "$WORK/app/IonPortal.Web.dll" import-price-list "$1" --contentRoot "$WORK/app"   # the command first: Program matches on it
}
ms() { sed -n 's/.*total \([0-9]*\) ms.*/\1/p'; }

echo "== Import into an empty catalog, the same file again, a month with a tenth of the prices changed"
run_import() { local out; out="$(import "$1" 2>&1)" || { echo "$out" >&2; exit 1; }; echo "$out"; }
FIRST="$(run_import "$WORK/prices.csv")";          echo "   $(paste -sd ' ' <<<"$FIRST")"
AGAIN="$(run_import "$WORK/prices.csv")";          echo "   $(paste -sd ' ' <<<"$AGAIN")"
CHANGED="$(run_import "$WORK/prices-changed.csv")"; echo "   $(paste -sd ' ' <<<"$CHANGED")"
[[ "$AGAIN" == *"no changes"* ]] || { echo "The same file twice changed the catalog" >&2; exit 1; }

echo "== psql \\copy of the same file into a scratch table"
COLUMNS="$(head -1 "$WORK/prices.csv" | sed 's/^\xef\xbb\xbf//; s/\r$//; s/ /_/g; s/,/ text,/g') text"
"${PSQL[@]}" -d ionportal_bench -c "CREATE UNLOGGED TABLE scratch_prices ($COLUMNS)" >/dev/null
COPY_MS="$("${PSQL[@]}" -d ionportal_bench -c '\timing on' -c "\\copy scratch_prices FROM '$WORK/prices.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)"

echo
printf '%-44s %12s %10s\n' "step" "ms" "vs \\copy"
for label in "import into an empty catalog:$(ms <<<"$FIRST")" "same file again (no changes):$(ms <<<"$AGAIN")" "a tenth of the prices changed:$(ms <<<"$CHANGED")"; do
    printf '%-44s %12s %9sx\n' "${label%%:*}" "${label##*:}" "$(python3 -c "print(round(${label##*:} / max($COPY_MS, 0.001), 1))")"
done
printf '%-44s %12s\n' "psql \\copy ($ROWS rows)" "$COPY_MS"
