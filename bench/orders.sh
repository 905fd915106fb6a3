#!/usr/bin/env bash
# Order benchmark (issue 11): two web nodes of the published app share one PostgreSQL; 1,000 orders
# are placed through the checkout (POST /api/v1/orders, alternating nodes, 16 at a time, one in ten
# posted again with the same Idempotency-Key to the other node, as a retried request), and both nodes'
# workers provision them at the provider sandbox. Prints placement orders/s and p50/p99 latency next
# to GET /health through the same client (the yardstick, same run), how fast the orders were
# provisioned, and the proof that each was provisioned exactly once: one order per key, one portal
# subscription and one provider subscription per order, and the provider calls per order.
#
#   bench/orders.sh                        # defaults: 1,000 orders, 16 at a time
#   ORDERS=5000 CONCURRENCY=32 bench/orders.sh
#
# Needs: the .NET SDK, PostgreSQL server binaries, python3.
cd "$(dirname "$0")/.."
ORDERS="${ORDERS:-1000}"
CONCURRENCY="${CONCURRENCY:-16}"
# Each node is its own provider sandbox (the sandbox keeps its state in the shared database).
APP_ENV=("ProviderSandbox__Enabled=true" "PartnerCenter__BaseUrl={url}/sandbox/partner-center/")
source bench/lib.sh

start_portal
NODE_B="http://127.0.0.1:$(free_port)"
echo "== Second node on ${NODE_B#http://}"
start_node "$NODE_B" "$WORK/node-b.log"

echo "== Seeding the bench reseller, its Microsoft plan and 50 customers ready to buy"
TEMPLATE="$(python3 -c 'import json; print(json.load(open("src/IonPortal.Web/appsettings.json")).get("PartnerCenter", {}).get("CustomerAgreementTemplateId", ""))')"
[ -n "$TEMPLATE" ] || TEMPLATE="$(grep -o 'CustomerAgreementTemplateId { get; set; } = "[^"]*"' src/IonPortal.Core/PartnerCenter/PartnerCenterRegistration.cs | cut -d'"' -f2)"
"${PSQL[@]}" -d ionportal_bench -v password_hash="$(password_hash)" -v template="$TEMPLATE" -f bench/orders-seed.sql >/dev/null
COOKIE="$(sign_in /account/signin admin@bench.test)"
[ -n "$COOKIE" ] || { echo "could not sign in" >&2; exit 1; }

echo "== Placing $ORDERS orders, $CONCURRENCY at a time, across both nodes"
cat >"$WORK/place.py" <<'PY'
import http.client, json, sys, threading, time, uuid, hashlib
from urllib.parse import urlparse
nodes, cookie, orders, concurrency, out, warm = sys.argv[1:3], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7] == "warm"
customers = [str(uuid.UUID(hashlib.md5(f"bench-customer-{i}".encode()).hexdigest())) for i in range(1, 51)]
plan = str(uuid.UUID(hashlib.md5(b"bench-m365-plan").hexdigest()))
local = threading.local()

def conn(node):
    cache = getattr(local, "conns", None) or {}
    local.conns = cache
    if node not in cache:
        u = urlparse(node)
        cache[node] = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    return cache[node]

def call(node, method, path, body=None, headers=None):
    # A node that is down (the crash drill) is retried on the other one: same request, same key.
    h = {"Cookie": cookie, **(headers or {})}
    start = time.perf_counter()
    for attempt in range(6):
        target = node if attempt % 2 == 0 else nodes[1 - nodes.index(node)]
        c = conn(target)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            return r.status, data, time.perf_counter() - start
        except (http.client.HTTPException, OSError):
            c.close()
            local.conns.pop(target, None)
            time.sleep(0.2)
    raise RuntimeError(f"{method} {path} failed on both nodes")

def run(count, job):
    latencies, lock, next_i = [], threading.Lock(), [0]
    def worker():
        while True:
            with lock:
                i = next_i[0]; next_i[0] += 1
            if i >= count:
                return
            for seconds in job(i):
                with lock:
                    latencies.append(seconds)
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    return time.perf_counter() - start, sorted(latencies)

def pct(values, p): return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000

def health(i):
    status, _, seconds = call(nodes[i % 2], "GET", "/health")
    assert status == 200, status
    yield seconds

placed, failures = {}, []
def order(i):
    key = str(uuid.uuid4())
    body = json.dumps({"customerId": customers[i % len(customers)], "provider": "microsoft", "lines": [{"planId": plan, "quantity": 1 + i % 25}]})
    headers = {"Content-Type": "application/json", "Idempotency-Key": key}
    status, data, seconds = call(nodes[i % 2], "POST", "/api/v1/orders", body, headers)
    if status != 201:
        failures.append((status, data[:300])); return
    first = json.loads(data)["id"]
    placed[key] = first
    yield seconds
    if i % 10 == 0:   # the same request again, to the other node: a retry after a lost answer
        status, data, seconds = call(nodes[(i + 1) % 2], "POST", "/api/v1/orders", body, headers)
        if status != 201 or json.loads(data)["id"] != first:
            failures.append(("retry placed another order", status, data[:300]))
        yield seconds

if warm:
    run(200, health)   # warm-up of both nodes
elapsed_h, lat_h = run(orders, health)
elapsed_o, lat_o = run(orders, order)
if failures:
    print("FAILURES", failures[:5], file=sys.stderr); sys.exit(1)
with open(out, "w") as f:
    f.write(f"{orders / elapsed_o:.1f} {pct(lat_o, 50):.1f} {pct(lat_o, 99):.1f} {orders / elapsed_h:.1f} {pct(lat_h, 50):.1f} {pct(lat_h, 99):.1f} {len(lat_o)} {len(set(placed.values()))}\n")
PY
python3 "$WORK/place.py" "$APP" "$NODE_B" "$COOKIE" "$ORDERS" "$CONCURRENCY" "$WORK/placed.txt" warm
read -r ORDER_RPS ORDER_P50 ORDER_P99 HEALTH_RPS HEALTH_P50 HEALTH_P99 POSTS DISTINCT <"$WORK/placed.txt"

echo "== Waiting for both nodes' workers to provision them"
q() { "${PSQL[@]}" -d ionportal_bench -tAc "$1"; }
for _ in $(seq 1 600); do
    open="$(q "SELECT count(*) FROM orders WHERE status IN ('Placed', 'Provisioning')")"
    [ "$open" = 0 ] && break
    sleep 0.5
done
PROVISION_SECONDS="$(q "SELECT round(extract(epoch FROM max(completed_at) - min(placed_at))::numeric, 1) FROM orders")"
FIRST_RUN_ORDERS="$(q "SELECT count(*) FROM orders")"
FIRST_RUN_COMPLETED="$(q "SELECT count(*) FROM orders WHERE status = 'Completed'")"
FIRST_RUN_FAILED="$(q "SELECT count(*) FROM orders WHERE status = 'Failed'")"

# The crash drill: 300 more orders; a second in, node B is killed (SIGKILL, mid-request and
# mid-provisioning), then started again. Its posts are retried on node A with their keys, and the jobs
# it held are claimed again once PostgreSQL drops its dead connections' locks.
DRILL="${DRILL:-300}"
echo "== Crash drill: $DRILL more orders, node B killed mid-run and restarted"
python3 "$WORK/place.py" "$APP" "$NODE_B" "$COOKIE" "$DRILL" "$CONCURRENCY" "$WORK/drill.txt" cold &
PLACER=$!
sleep 1
kill -9 "$LAST_NODE_PID"
KILLED_OPEN="$(q "SELECT count(*) FROM orders WHERE status IN ('Placed', 'Provisioning')")"
sleep 2
start_node "$NODE_B" "$WORK/node-b-restarted.log"
wait "$PLACER"
for _ in $(seq 1 600); do
    [ "$(q "SELECT count(*) FROM orders WHERE status IN ('Placed', 'Provisioning')")" = 0 ] && break
    sleep 0.5
done

echo
printf '%-52s %10s %10s %10s\n' "" "per second" "p50 ms" "p99 ms"
printf '%-52s %10s %10s %10s\n' "GET /health, same client and nodes (yardstick)" "$HEALTH_RPS" "$HEALTH_P50" "$HEALTH_P99"
printf '%-52s %10s %10s %10s\n' "POST /api/v1/orders (checkout, $ORDERS orders)" "$ORDER_RPS" "$ORDER_P50" "$ORDER_P99"
python3 -c "import sys; o,h,op,hp=map(float,sys.argv[1:]); print(f'{\"  ratio to the yardstick\":52} {o/h:10.3f} {\"\":>10} {op/hp:10.1f}x')" "$ORDER_RPS" "$HEALTH_RPS" "$ORDER_P99" "$HEALTH_P99"
echo
echo "Provisioned: $FIRST_RUN_COMPLETED of $ORDERS completed, $FIRST_RUN_FAILED failed, in ${PROVISION_SECONDS}s from the first placed to the last completed ($(python3 -c "print(round($ORDERS / max($PROVISION_SECONDS, 0.1), 1))") orders/s)"
echo
echo "Crash drill: node B killed with $KILLED_OPEN orders open, restarted; $(q "SELECT count(*) FROM orders") orders in all ($FIRST_RUN_ORDERS + $DRILL), $(q "SELECT count(*) FROM orders WHERE status = 'Completed'") completed"
echo
echo "Exactly once (all orders, drill included):"
echo "  posts in the first run (one in ten retried with its key) $POSTS"
echo "  distinct orders answered / orders placed (first run) $DISTINCT / $FIRST_RUN_ORDERS"
echo "  checkout keys used twice                          $(q "SELECT count(*) FROM (SELECT checkout_key FROM orders GROUP BY checkout_key HAVING count(*) > 1) d")"
echo "  portal subscriptions per order (min / max)        $(q "SELECT min(n) || ' / ' || max(n) FROM (SELECT o.id, count(s.id) n FROM orders o LEFT JOIN subscriptions s ON s.order_id = o.id GROUP BY o.id) d")"
echo "  provider carts per order (min / max)              $(q "SELECT min(n) || ' / ' || max(n) FROM (SELECT o.id, count(c.id) n FROM orders o LEFT JOIN sandbox_carts c ON c.request_id = o.id GROUP BY o.id) d")"
echo "  provider subscriptions per order (min / max)      $(q "SELECT min(n) || ' / ' || max(n) FROM (SELECT o.id, count(s.id) n FROM orders o JOIN sandbox_carts c ON c.request_id = o.id LEFT JOIN sandbox_subscriptions s ON s.order_id = c.order_id GROUP BY o.id) d")"
echo "  provider calls per order, as recorded (cart + checkout per saved attempt) $(q "SELECT round(2.0 * sum(attempts) / count(*), 2) FROM provisioning_jobs")"
echo "  (a node killed mid-call saved nothing of that attempt: the carts and subscriptions above show it bought once)"
echo "  provisioning attempts (max for one order)         $(q "SELECT max(attempts) FROM provisioning_jobs")"
