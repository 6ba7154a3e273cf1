#!/usr/bin/env bash
# Builds an AppCDS archive (JDK 17's dynamic class-data sharing) for the packaged broker: starts it once with
# -XX:ArchiveClassesAtExit, waits until it is ready, drives a few MQTT sessions through it (QoS 0, 1 and 2), reads
# the probes and the metrics, then stops it with SIGTERM; the JVM writes the archive as it exits.
#
#   appcds.sh ARCHIVE [APP_DIR]      APP_DIR: the directory of quarkus-run.jar (default target/quarkus-app)
#
# A broker started with -XX:SharedArchiveFile=ARCHIVE maps those classes instead of loading, parsing and verifying
# them again: about 0.35 s less from launch to ready and 10 MB less idle RSS on a 2-core machine. An archive only
# works with the JVM build that wrote it and the exact jars it saw, so it is made where it is used: in the image
# build (Dockerfile.jvm) and by bench/compare.sh. A JVM that cannot use it says so on stderr and starts without it.
#
# JAVA (default: java on the PATH) is the JVM to archive for; JAVA_OPTS are the options it will run with (the
# garbage collector must match). Both ports are picked by the broker (port 0) and read from its log; everything
# listens on 127.0.0.1 and the broker is stopped by its PID whatever happens.
set -euo pipefail

ARCHIVE="${1:?usage: appcds.sh ARCHIVE [APP_DIR]}"
APP="${2:-target/quarkus-app}"
JAVA="${JAVA:-java}"
TIMEOUT_S=90

[[ -f "$APP/quarkus-run.jar" ]] || { echo "appcds.sh: no $APP/quarkus-run.jar (run ./mvnw package first)" >&2; exit 2; }
case "$ARCHIVE" in /*) ;; *) ARCHIVE="$PWD/$ARCHIVE" ;; esac
rm -f "$ARCHIVE"
LOG="$(mktemp)"
BROKER_PID=""
stop_broker() {
    if [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2>/dev/null; then
        kill "$BROKER_PID" 2>/dev/null || true
        for _ in $(seq 300); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$BROKER_PID" 2>/dev/null || true
    fi
    [[ -n "$BROKER_PID" ]] && wait "$BROKER_PID" 2>/dev/null || true
    BROKER_PID=""
}
fail() { echo "appcds.sh: $*; broker log:" >&2; tail -30 "$LOG" >&2; exit 1; }
trap 'stop_broker; rm -f "$LOG"' EXIT

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
OPIFEX_TCP_HOST=127.0.0.1 OPIFEX_TCP_PORT=0 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=0 \
    "$JAVA" ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$ARCHIVE" -Xlog:cds=error -Xlog:cds+dynamic=error \
    -jar "$APP/quarkus-run.jar" > "$LOG" 2>&1 &
BROKER_PID=$!

# HTTP GET over bash's /dev/tcp: the runtime image has no curl. Prints the status line.
http_get() { # port path
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\n\r\n' "$2" >&3 && cat <&3) 2>/dev/null | head -1
}

MQTT_PORT="" MANAGEMENT_PORT=""
deadline=$((SECONDS + TIMEOUT_S))
until [[ -n "$MQTT_PORT" && "$(http_get "${MANAGEMENT_PORT:-0}" /q/health/ready)" == *" 200"* ]]; do
    kill -0 "$BROKER_PID" 2>/dev/null || fail "the broker exited"
    (( SECONDS < deadline )) || fail "the broker was not ready, or its log named no ports, within ${TIMEOUT_S} s"
    sleep 0.1
    MQTT_PORT="$(sed -n 's/.*MQTT listener on [^ ]*:\([0-9][0-9]*\) .*/\1/p' "$LOG" | head -1)"
    MANAGEMENT_PORT="$(sed -n 's|.*Management interface listening on http://[^:]*:\([0-9][0-9]*\).*|\1|p' "$LOG" | head -1)"
done

# Sessions through the broker, from the load generator in the same application (no Quarkus boot for it).
CP="$APP/lib/boot/*:$APP/lib/main/*:$APP/app/*"
for qos in 0 1 2; do
    # shellcheck disable=SC2086
    "$JAVA" ${JAVA_OPTS:-} -cp "$CP" io.opifex.bench.BenchMain --port "$MQTT_PORT" --layout pairs -P 4 -q "$qos" \
        -w 16 --rate 200 --warmup 0.5 --duration 1 --drain 5 --label appcds-training > /dev/null 2>&1 \
        || fail "the training session at QoS $qos failed"
done
for path in /q/health/live /q/health/started /q/metrics; do
    [[ "$(http_get "$MANAGEMENT_PORT" "$path")" == *" 200"* ]] || fail "$path did not answer 200"
done

stop_broker
[[ -s "$ARCHIVE" ]] || fail "the JVM wrote no archive"
echo "appcds.sh: wrote $ARCHIVE ($(($(stat -c %s "$ARCHIVE") / 1048576)) MiB)" >&2
