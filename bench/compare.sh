#!/usr/bin/env bash
# Opifex vs Mosquitto, side by side, on loopback. Starts ONE broker at a time (a fresh process per run), runs the
# same scenario against each with io.opifex.bench.BenchMain, rotates which broker goes first, repeats every
# scenario --rounds times (default 2), and prints per scenario the median of each metric and Opifex/Mosquitto.
#
#   bench/compare.sh [--short] [--rounds N] [--scenarios s,a,b,c1,c2,d,e] [--idle-connections N]
#                    [--no-appcds] [--baseline DIR] [--no-mosquitto]
#
# Scenarios: s  start-up: ms from launch to listening (and, for Opifex, to its readiness probe answering 200),
#               and RSS after 5 s idle
#            a  fan-in QoS 0, 8 publishers unlimited -> 1 subscriber, 64 B
#            b  50 QoS 1 pairs, in-flight 16, 64 B
#            c1 fan-out QoS 0, 1 publisher at 2,000 msg/s -> 500 subscribers, 64 B
#            c2 the same at 40 msg/s, for latency
#            d  10 QoS 2 pairs, in-flight 16, 256 B
#            e  idle connections (20,000, --short 5,000; fewer if the open-files limit is lower): connects/s, RSS
#               per connection; then as many again after they left (reconnects/s: the broker is warm by then)
# --baseline DIR adds a second Opifex build, "opifex (before)": DIR is its quarkus-app folder (quarkus-run.jar,
# lib/), e.g. the previous main's target/quarkus-app. It runs as the current one does (same options, its own
# archive trained from its jar) in the same rotation, under the same load generator (the current build's); the
# table adds its column and opifex/before. --no-mosquitto leaves Mosquitto and its columns out.
# Results (raw key=value lines, broker logs, table) go to bench/results/<timestamp>/ (git-ignored).
#
# Opifex is started as `java -jar target/quarkus-app/quarkus-run.jar` with $SYS off and the options Dockerfile.jvm
# runs the broker with: -Xms32m -XX:+UseSerialGC, a native heap trim every 2 s and the AppCDS archive, and a
# 512 MiB heap cap, as a container limit would set. The archive is trained once per run and build, as the image
# build does, by src/main/docker/appcds.sh; --no-appcds leaves it out. OPIFEX_JAVA_OPTS, if set, replaces all of
# these options, for both builds.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

ARGS="$*"
SHORT=0
ROUNDS=2
SCENARIOS="s,a,b,c1,c2,d,e"

IDLE_CONNECTIONS=""
APPCDS=1
BASELINE=""
MOSQUITTO_RUNS=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --short) SHORT=1 ;;
        --rounds) ROUNDS="$2"; shift ;;
        --scenarios) SCENARIOS="$2"; shift ;;
        --idle-connections) IDLE_CONNECTIONS="$2"; shift ;;
        --no-appcds) APPCDS=0 ;;
        --baseline) [[ $# -ge 2 ]] || { echo "compare.sh: --baseline needs a directory" >&2; exit 2; }
                    BASELINE="$2"; shift ;;
        --no-mosquitto) MOSQUITTO_RUNS=0 ;;
        -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

APP="$ROOT/target/quarkus-app"
CP="$APP/lib/boot/*:$APP/lib/main/*:$APP/app/*"
if [[ -n "$BASELINE" ]]; then
    [[ -f "$BASELINE/quarkus-run.jar" ]] || { echo "compare.sh: no $BASELINE/quarkus-run.jar (--baseline wants a packaged build's quarkus-app directory)" >&2; exit 2; }
    BASELINE="$(cd "$BASELINE" && pwd)"
fi
STAMP="$(date +%Y%m%dT%H%M%S)"
OUT="$ROOT/bench/results/$STAMP"
mkdir -p "$OUT"
RUNS="$OUT/runs.txt"
: > "$RUNS"

# ---- processes we start are stopped by PID, whatever happens
BROKER_PID=""
cleanup() {
    if [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2>/dev/null; then
        kill "$BROKER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$BROKER_PID" 2>/dev/null || true
        wait "$BROKER_PID" 2>/dev/null || true
    fi
    BROKER_PID=""
}
trap cleanup EXIT
trap 'echo "compare.sh: interrupted" >&2; exit 130' INT TERM

log() { echo "compare.sh: $*" >&2; }

# ---- prerequisites
MOSQUITTO=""
if [[ $MOSQUITTO_RUNS == 1 ]]; then
    MOSQUITTO="$(command -v mosquitto || true)"
    [[ -z "$MOSQUITTO" && -x /usr/sbin/mosquitto ]] && MOSQUITTO=/usr/sbin/mosquitto
    if [[ -z "$MOSQUITTO" ]]; then
        log "installing mosquitto"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto >/dev/null
        MOSQUITTO="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
    fi
fi
if [[ ! -f "$APP/quarkus-run.jar" ]]; then
    log "building the application"
    ./mvnw -B -q package -DskipTests -o || ./mvnw -B -q package -DskipTests
fi

# The options Dockerfile.jvm runs the broker with (and a heap cap), and the archive its build trains: each build
# gets its own, trained from its own jars (an archive only fits the jars it saw).
BASE_JAVA_OPTS="-Xmx512m -Xms32m -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=2000"
if [[ -z "${OPIFEX_JAVA_OPTS:-}" ]]; then
    OPIFEX_JAVA_OPTS="$BASE_JAVA_OPTS"
    BASELINE_JAVA_OPTS="$BASE_JAVA_OPTS"
    if [[ $APPCDS == 1 ]]; then
        log "training the AppCDS archive"
        JAVA_OPTS="$BASE_JAVA_OPTS" bash "$ROOT/src/main/docker/appcds.sh" "$OUT/app-cds.jsa" "$APP"
        OPIFEX_JAVA_OPTS="$OPIFEX_JAVA_OPTS -XX:SharedArchiveFile=$OUT/app-cds.jsa"
        if [[ -n "$BASELINE" ]]; then
            log "training the baseline's AppCDS archive"
            JAVA_OPTS="$BASE_JAVA_OPTS" bash "$ROOT/src/main/docker/appcds.sh" "$OUT/app-cds-before.jsa" "$BASELINE"
            BASELINE_JAVA_OPTS="$BASELINE_JAVA_OPTS -XX:SharedArchiveFile=$OUT/app-cds-before.jsa"
        fi
    fi
else
    BASELINE_JAVA_OPTS="$OPIFEX_JAVA_OPTS"
fi
log "Opifex runs with: $OPIFEX_JAVA_OPTS"
[[ -n "$BASELINE" ]] && log "Opifex (before) runs with: $BASELINE_JAVA_OPTS ($BASELINE)"

[[ -z "$IDLE_CONNECTIONS" ]] && { if [[ $SHORT == 1 ]]; then IDLE_CONNECTIONS=5000; else IDLE_CONNECTIONS=20000; fi; }
# Both the load generator and the broker hold one descriptor per connection.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE="$(ulimit -n)"
if [[ "$NOFILE" != unlimited && $((NOFILE - 1000)) -lt $IDLE_CONNECTIONS ]]; then
    IDLE_CONNECTIONS=$((NOFILE - 1000))
    log "open-files limit $NOFILE: idle scenario uses $IDLE_CONNECTIONS connections"
fi

# A port below the kernel's ephemeral range (so no client socket of an earlier run can hold it) that no socket
# uses, listening or not.
free_port() {
    local port low
    low="$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)"
    [[ "$low" =~ ^[0-9]+$ ]] && (( low > 11000 )) || low=32768
    for _ in $(seq 100); do
        port=$((10000 + RANDOM % (low - 10000)))
        if ! ss -Htan "sport = :$port" | grep -q .; then echo "$port"; return; fi
    done
    log "no free port"; exit 1
}

wait_port() { # pid port
    for _ in $(seq 300); do
        kill -0 "$1" 2>/dev/null || return 1
        (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# Answers 0 once http://127.0.0.1:port/q/health/ready answers 200 (bash's /dev/tcp: no curl needed).
ready_probe() { # port
    local status
    status="$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 \
        && head -1 <&3) 2>/dev/null)"
    [[ "$status" == *" 200"* ]]
}

millis() { echo $(( $(date +%s%N) / 1000000 )); }

MANAGEMENT_PORT=""
START_MILLIS=0
start_broker() { # name port logfile
    local name="$1" port="$2" logfile="$3"
    START_MILLIS="$(millis)"
    case "$name" in
        mosquitto)
            local conf="$OUT/mosquitto-$port.conf"
            printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_connections -1\npersistence false\n' \
                "$port" > "$conf"
            "$MOSQUITTO" -c "$conf" > "$logfile" 2>&1 &
            ;;
        opifex|baseline)
            local app="$APP" opts="$OPIFEX_JAVA_OPTS"
            [[ "$name" == baseline ]] && { app="$BASELINE"; opts="$BASELINE_JAVA_OPTS"; }
            MANAGEMENT_PORT="$(free_port)"
            # shellcheck disable=SC2086 # opts is a list of options
            OPIFEX_TCP_HOST=127.0.0.1 OPIFEX_TCP_PORT="$port" OPIFEX_SYS_ENABLED=false \
                QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
                java $opts -jar "$app/quarkus-run.jar" > "$logfile" 2>&1 &
            ;;
    esac
    BROKER_PID=$!
    if ! wait_port "$BROKER_PID" "$port"; then
        log "$name did not start listening on $port; log tail:"; tail -20 "$logfile" >&2
        exit 1
    fi
}

# scenario -> bench options (full and --short)
scenario_args() {
    local s="$1" warm dur
    if [[ $SHORT == 1 ]]; then warm=2; dur=4; else warm=5; dur=10; fi
    local common="--warmup $warm --duration $dur --drain 10"
    case "$s" in
        a)  echo "--layout fan-in -P 8 -S 1 -q 0 -s 64 $common" ;;
        b)  echo "--layout pairs -P 50 -q 1 -w 16 -s 64 $common" ;;
        c1) echo "--layout fan-out -S 500 -q 0 -s 64 -r 2000 $common" ;;
        c2) echo "--layout fan-out -S 500 -q 0 -s 64 -r 40 $common" ;;
        d)  echo "--layout pairs -P 10 -q 2 -w 16 -s 256 $common" ;;
        s)  echo "(start-up: no load)" ;;
        e)  local hold=10; [[ $SHORT == 1 ]] && hold=3
            echo "--layout idle -n $IDLE_CONNECTIONS -k 60 --connect-concurrency 200 --source-addresses 8 --duration $hold" ;;
        *)  log "unknown scenario $s"; exit 2 ;;
    esac
}

# Start-up: launch to listening, launch to ready (Opifex's readiness probe; Mosquitto is ready when it listens),
# then RSS after 5 s with nothing connected.
run_startup() { # broker round
    local broker="$1" round="$2" port listen_ms ready_ms rss_kb line
    port="$(free_port)"
    start_broker "$broker" "$port" "$OUT/$broker-s-$round.log"
    listen_ms=$(( $(millis) - START_MILLIS ))
    ready_ms="$listen_ms"
    if [[ "$broker" != mosquitto ]]; then
        for _ in $(seq 600); do ready_probe "$MANAGEMENT_PORT" && break; sleep 0.02; done
        ready_ms=$(( $(millis) - START_MILLIS ))
    fi
    sleep 5
    rss_kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$BROKER_PID/status")"
    cleanup
    line="label=$broker-s-$round status=ok listen_ms=$listen_ms ready_ms=$ready_ms idle_rss_kb=$rss_kb"
    echo "broker=$broker scenario=s round=$round rc=0 $line" >> "$RUNS"
    log "round $round, start-up, $broker -> $line"
}

run_one() { # broker scenario round
    local broker="$1" s="$2" round="$3" port args line
    if [[ "$s" == s ]]; then run_startup "$broker" "$round"; return; fi
    port="$(free_port)"
    args="$(scenario_args "$s")"
    # a fresh block of source addresses per run, so TIME_WAIT ports of earlier runs are never in the way
    RUN_COUNTER=$((RUN_COUNTER + 1))
    [[ "$s" == e ]] && args="$args --source-first 127.$((RUN_COUNTER % 200 + 10)).0.1"
    start_broker "$broker" "$port" "$OUT/$broker-$s-$round.log"
    log "round $round, scenario $s, $broker (pid $BROKER_PID, port $port): bench $args"
    set +e
    # shellcheck disable=SC2086 # args is a list of options
    line="$(java -Xmx2g -cp "$CP" io.opifex.bench.BenchMain --port "$port" --broker-pid "$BROKER_PID" \
        --label "$broker-$s-$round" $args 2>"$OUT/bench-$broker-$s-$round.err" | tail -1; exit "${PIPESTATUS[0]}")"
    local rc=$?
    set -e
    cleanup
    echo "broker=$broker scenario=$s round=$round rc=$rc $line" >> "$RUNS"
    log "  -> $line"
}

RUN_COUNTER=0
IFS=',' read -r -a SCENARIO_LIST <<< "$SCENARIOS"
BROKERS=()
[[ $MOSQUITTO_RUNS == 1 ]] && BROKERS+=(mosquitto)
BROKERS+=(opifex)
[[ -n "$BASELINE" ]] && BROKERS+=(baseline)
log "results in $OUT (rounds: $ROUNDS, short: $SHORT, brokers: ${BROKERS[*]})"
for round in $(seq "$ROUNDS"); do
    for s in "${SCENARIO_LIST[@]}"; do
        # rotated by one per round, so that each broker goes first in turn (with two: alternating)
        for i in "${!BROKERS[@]}"; do
            run_one "${BROKERS[(i + round - 1) % ${#BROKERS[@]}]}" "$s" "$round"
        done
    done
done

# The HEAD of the git checkout a build directory is in, "+" if it has changes (what was built may differ).
checkout_of() { # dir
    local head
    head="$(git -C "$1" rev-parse --short HEAD 2>/dev/null)" || { echo "unknown"; return; }
    git -C "$1" diff --quiet HEAD 2>/dev/null || head="$head+"
    echo "$head"
}

# ---- table: median over rounds per scenario, broker and metric; ratio = Opifex / Mosquitto, and with --baseline
# opifex/before = Opifex / Opifex (before)
{
    title="Opifex"
    [[ $MOSQUITTO_RUNS == 1 ]] && title="$title vs Mosquitto"
    [[ -n "$BASELINE" && $MOSQUITTO_RUNS == 1 ]] && title="$title and Opifex (before)"
    [[ -n "$BASELINE" && $MOSQUITTO_RUNS == 0 ]] && title="$title vs Opifex (before)"
    mosquitto_version=""
    [[ $MOSQUITTO_RUNS == 1 ]] && mosquitto_version=" mosquitto $({ "$MOSQUITTO" -h 2>/dev/null || true; } | head -1 | awk '{print $3}'),"
    echo "# $title $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r),$mosquitto_version rounds: $ROUNDS, short: $SHORT"
    echo "# command: bench/compare.sh $ARGS (raw: $RUNS)"
    echo "# opifex: java $OPIFEX_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar"
    if [[ -n "$BASELINE" ]]; then
        echo "# opifex (before): java $BASELINE_JAVA_OPTS -jar $BASELINE/quarkus-run.jar"
        echo "# checkouts (HEAD now, + if changed): opifex $(checkout_of "$ROOT"), opifex (before) $(checkout_of "$BASELINE")"
    fi
    awk -v mosquitto="$MOSQUITTO_RUNS" -v baseline="$([[ -n "$BASELINE" ]] && echo 1 || echo 0)" '
    function val(key,   i, kv) { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] } return "" }
    function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        if (n == 0) return ""
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    # a column: a broker median (num = broker) or a ratio of two (num / den)
    function column(title, width, num, den) { ncol++; ctitle[ncol] = title; cwidth[ncol] = width; cnum[ncol] = num; cden[ncol] = den }
    function cell(c, v) { return sprintf(" %" cwidth[c] "s", v) }
    BEGIN {
        split("s a b c1 c2 d e", order, " ")
        startup = "listen_ms ready_ms idle_rss_kb"
        load = "delivered_per_s deliveries_per_cpu_s p50_us p99_us max_us lost dup ooo broker_rss_kb"
        idle = "connects_per_s reconnects_per_s connect_p99_us rss_per_conn_kb broker_rss_kb failed closed"
        if (mosquitto) column("mosquitto", 14, "mosquitto", "")
        column("opifex", 14, "opifex", "")
        if (mosquitto) column(baseline ? "opifex/mosq" : "ratio", baseline ? 12 : 9, "opifex", "mosquitto")
        if (baseline) { column("opifex (before)", 16, "baseline", ""); column("opifex/before", 14, "opifex", "baseline") }
        for (c = 1; c <= ncol; c++) if (cden[c] == "") lastbroker = c
    }
    {
        b = val("broker"); s = val("scenario"); seen[s] = 1
        if (val("status") != "ok") { failed[s, b]++; next }
        n = split(s == "e" ? idle : s == "s" ? startup : load, keys, " ")
        for (k = 1; k <= n; k++) { v = val(keys[k]); if (v != "" && v + 0 >= 0) data[s, b, keys[k]] = data[s, b, keys[k]] " " v }
        runs[s, b]++
    }
    END {
        line = sprintf("%-9s %-22s", "scenario", "metric")
        for (c = 1; c <= ncol; c++) line = line cell(c, ctitle[c])
        print line
        for (o = 1; o <= 7; o++) {
            s = order[o]; if (!(s in seen)) continue
            n = split(s == "e" ? idle : s == "s" ? startup : load, keys, " ")
            for (k = 1; k <= n; k++) {
                line = sprintf("%-9s %-22s", s, keys[k])
                for (c = 1; c <= ncol; c++) {
                    p = median(data[s, cnum[c], keys[k]])
                    if (cden[c] == "") { line = line cell(c, p == "" ? "-" : p); continue }
                    m = median(data[s, cden[c], keys[k]])
                    line = line cell(c, (m != "" && p != "" && m + 0 != 0) ? sprintf("%.2f", p / m) : "-")
                }
                print line
            }
            line = sprintf("%-9s %-22s", s, "runs ok (failed)")
            for (c = 1; c <= lastbroker; c++) line = line cell(c, cden[c] != "" ? "" : runs[s, cnum[c]] "(" failed[s, cnum[c]] + 0 ")")
            print line
        }
    }' "$RUNS"
} | tee "$OUT/table.txt"
