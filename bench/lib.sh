# Shared by the benchmarks: a throwaway PostgreSQL, a Release build of the portal in Production mode
# against it, sign-in with curl, and wrk measurement. Source it; `cleanup` runs on exit.
set -euo pipefail

CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-15s}"

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
APP="http://127.0.0.1:$APP_PORT"
APP_PID=""
PSQL=("$BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1)

NODE_PIDS=()
# Extra settings for the app, as NAME=value words (e.g. the provider sandbox for the order benchmark).
APP_ENV=("${APP_ENV[@]:-}")

cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    for pid in "${NODE_PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    as_postgres "$BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# Starts PostgreSQL, builds and starts the app (which migrates the empty database), waits for /health.
start_portal() {
    echo "== PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$BIN/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
    as_postgres "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE ionportal_bench" >/dev/null

    # Published, as a deployment runs it: outside Development only a publish serves the framework's
    # and MudBlazor's static files (blazor.web.js, MudBlazor.min.css), which a browser needs.
    echo "== Release publish"
    dotnet publish src/IonPortal.Web -c Release -o "$WORK/app" -nologo -v quiet >/dev/null

    echo "== App on 127.0.0.1:$APP_PORT (Production, migrates at start)"
    start_node "$APP" "$WORK/app.log"
    APP_PID=$LAST_NODE_PID
}

# start_node URL LOG: one more web node of the published app on the same database; waits for /health.
start_node() {
    local url="$1" log="$2" setting
    local settings=()
    for setting in "${APP_ENV[@]}"; do [ -n "$setting" ] && settings+=("${setting//\{url\}/$url}"); done
    env ASPNETCORE_ENVIRONMENT=Production \
        ASPNETCORE_URLS="$url" \
        ConnectionStrings__IonPortal="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=ionportal_bench;Maximum Pool Size=100;Max Auto Prepare=50" \
        Portal__PublicUrl="$url" \
        Bench__RawEndpoint=true \
        Serilog__MinimumLevel__Default=Warning \
        "${settings[@]}" \
        dotnet "$WORK/app/IonPortal.Web.dll" --contentRoot "$WORK/app" >"$log" 2>&1 &
    LAST_NODE_PID=$!
    NODE_PIDS+=("$LAST_NODE_PID")
    for _ in $(seq 1 120); do
        curl -fs -o /dev/null "$url/health" && break
        sleep 0.5
    done
    curl -fs -o /dev/null "$url/health" || { cat "$log"; exit 1; }
}

# seed FILE.sql: runs it against the bench database with the password hash of bench_password().
seed() { "${PSQL[@]}" -d ionportal_bench -v password_hash="$(password_hash)" -f "$1" >/dev/null; }

BENCH_PASSWORD="Bench-Password-1"
# ASP.NET Core Identity's V3 hash (PBKDF2-HMAC-SHA512, 100,000 iterations), so seeded users can sign in.
password_hash() {
    python3 - "$BENCH_PASSWORD" <<'PY'
import base64, hashlib, os, struct, sys
salt = os.urandom(16)
key = hashlib.pbkdf2_hmac('sha512', sys.argv[1].encode(), salt, 100_000, 32)
print(base64.b64encode(b'\x01' + struct.pack('>III', 2, 100_000, 16) + salt + key).decode())
PY
}

# sign_in PATH EMAIL [URL] → prints a Cookie header value for a session signed in through that page's form.
sign_in() {
    local jar="$WORK/cookies-$RANDOM" form token="" app="${3:-$APP}"
    form="$(curl -fs -c "$jar" "$app$1")"
    [[ "$form" =~ name=\"__RequestVerificationToken\"\ value=\"([^\"]*)\" ]] && token="${BASH_REMATCH[1]}"
    curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_handler=signin" --data-urlencode "__RequestVerificationToken=$token" \
        --data-urlencode "Input.Email=$2" --data-urlencode "Input.Password=$BENCH_PASSWORD" "$app$1"
    awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar"
}

# measure NAME PATH [SIGN_IN_PATH EMAIL] → prints "req/s p50 p99 non-2xx" after a warm-up run (JIT
# tiering settles); WRK_SCRIPT, if set, is a wrk Lua script that shapes the requests. With a sign-in, each run gets a fresh session: the portal re-checks a session
# after a minute and renews its cookie, which wrk can't keep, so each run must stay under a minute.
measure() {
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
    local run
    for run in warmup measured; do
        local duration="$WARMUP" latency=() session=()
        [ "$run" = measured ] && duration="$DURATION" latency=(--latency)
        if [ -n "${3:-}" ]; then
            session=(-H "Cookie: $(sign_in "$3" "$4")")
        fi
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" "${latency[@]}" "${session[@]}" ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} "$APP$2" >"$WORK/$1-$run.txt"
    done
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {print rps, p50, p99, (bad ? bad : 0)}' "$WORK/$1-measured.txt"
}

seconds() { case "$1" in *h) echo $(( ${1%h} * 3600 ));; *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac; }
# For scripts that measure signed-in sessions: each run must stay under a minute (see measure).
require_short_runs() {
    local d
    for d in "$WARMUP" "$DURATION"; do
        [ "$(seconds "$d")" -lt 60 ] || { echo "Signed-in runs must stay under a minute: WARMUP=$WARMUP DURATION=$DURATION" >&2; exit 1; }
    done
}

row() { printf '%-44s %12s %10s %10s %8s\n' "$@"; }
