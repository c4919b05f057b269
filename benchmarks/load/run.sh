#!/usr/bin/env bash
# One load run on this machine: the mock upstream reached directly, through nginx and through the gateway.
#   1. non-stream throughput with wrk at 64 connections, and CPU per request of nginx and of the gateway JVM;
#   2. p99 latency at half the gateway's max load (open loop, fixed rate), the same rate for every target;
#   3. 1,000 concurrent SSE streams per target: all must end with data: [DONE]; time to first byte; gateway RSS.
# Everything listens on 127.0.0.1 only; every phase is bounded; whatever the script started is stopped on exit.
# Usage: benchmarks/load/run.sh   (settings below can be overridden from the environment; see README.md)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../target/benchmarks.jar}
JAVA=${JAVA:-java}
RUNS=${RUNS:-3}                      # repetitions of phases 1 and 2 (medians are reported)
DURATION=${DURATION:-20}             # seconds per wrk run and per open-loop run
WARMUP=${WARMUP:-15}                 # seconds of wrk warm-up per target (JIT) before phase 1 measures
OPENLOOP_WARMUP=${OPENLOOP_WARMUP:-10}  # seconds at the fixed rate before phase 2 records (the client JVM's JIT)
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
STREAMS=${STREAMS:-1000}
STREAM_ROUNDS=${STREAM_ROUNDS:-3}
STREAM_WARMUP_ROUNDS=${STREAM_WARMUP_ROUNDS:-3}   # unmeasured rounds before each measured one (the JVMs' JIT)
RAMP_MS=${RAMP_MS:-100}              # streams start spread over this; a stream lasts ~190 ms, so all overlap
CHUNK_DELAY_MS=${CHUNK_DELAY_MS:-10}
MOCK_THREADS=${MOCK_THREADS:-2}
MOCK_PORT=${MOCK_PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18082}
GATEWAY_PORT=${GATEWAY_PORT:-18083}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS--Xmx256m}   # default: the heap cap bin/one-api applies
BATCH_UPDATES=${BATCH_UPDATES:-false}   # the gateway's BATCH_UPDATE_ENABLED (One API's default: false)
GATEWAY_OPTIONS=${GATEWAY_OPTIONS:-}    # One API options for the gateway, e.g. LogConsumeEnabled=false (comma-separated)
PROFILE=${PROFILE:-false}            # true: JFR-record the gateway during its wrk runs (slows it; not for figures)
PHASES=${PHASES:-1 2 3}              # which phases to run; phase 2 without 1 needs HALF_RATE
HALF_RATE=${HALF_RATE:-}             # phase 2's fixed rate; default: half the gateway's median phase-1 req/s
OUT=${OUT:-$(mktemp -d /tmp/oneapi-load.XXXXXX)}
PATH_V1=/v1/chat/completions

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- start-up checks and cleanup
[ -f "$JAR" ] || die "$JAR not found; build it first: mvn -B -ntp -pl benchmarks -am package -DskipTests"
mkdir -p "$OUT"
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        # The gateway drains billing on SIGTERM; give it time, then insist.
        for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge 8192 ] || die "open-file limit $(ulimit -n) is too low for $STREAMS streams"

install_if_missing() { # command package
    command -v "$1" >/dev/null && return
    [ "$(id -u)" -eq 0 ] || die "$1 is missing; install the Debian package $2 (apt-get install $2)"
    log "installing $2 with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >"$OUT/apt-$2.log" 2>&1 \
        || die "apt-get install $2 failed (see $OUT/apt-$2.log)"
}
install_if_missing nginx nginx
install_if_missing wrk wrk
PATH=$PATH:/usr/sbin

for port in "$MOCK_PORT" "$NGINX_PORT" "$GATEWAY_PORT"; do
    if ss -ltnH "( sport = :$port )" | grep -q .; then die "port $port is in use (set MOCK_PORT/NGINX_PORT/GATEWAY_PORT)"; fi
done

wait_for_port() { # port seconds
    local deadline=$((SECONDS + $2))
    until ss -ltnH "( sport = :$1 )" | grep -q .; do
        [ $SECONDS -lt "$deadline" ] || die "nothing listens on port $1 after $2 s"
        sleep 0.2
    done
}

# ---------------------------------------------------------------- the three processes
log "results in $OUT"
"$JAVA" -cp "$JAR" io.oneapi.bench.upstream.MockUpstreamMain --port "$MOCK_PORT" --threads "$MOCK_THREADS" \
    --chunk-delay-ms "$CHUNK_DELAY_MS" >"$OUT/mock.log" 2>&1 &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
wait_for_port "$MOCK_PORT" 30

mkdir -p "$OUT/nginx/tmp"
cat >"$OUT/nginx/nginx.conf" <<EOF
worker_processes auto;
worker_rlimit_nofile $(ulimit -n);
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 16384; }
http {
    access_log off;
    client_body_temp_path $OUT/nginx/tmp/body;
    proxy_temp_path $OUT/nginx/tmp/proxy;
    fastcgi_temp_path $OUT/nginx/tmp/fastcgi;
    uwsgi_temp_path $OUT/nginx/tmp/uwsgi;
    scgi_temp_path $OUT/nginx/tmp/scgi;
    upstream mock {
        server 127.0.0.1:$MOCK_PORT;
        keepalive 64;
        keepalive_requests 100000000;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=8192;
        keepalive_requests 100000000;
        location / {
            proxy_pass http://mock;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }
    }
}
EOF
nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" >"$OUT/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
wait_for_port "$NGINX_PORT" 30

# shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of options on purpose
"$JAVA" --enable-native-access=ALL-UNNAMED $GATEWAY_JAVA_OPTS -cp "$JAR" io.oneapi.bench.gateway.GatewayMain \
    --port "$GATEWAY_PORT" --upstream "http://127.0.0.1:$MOCK_PORT" --data-dir "$OUT/gateway" \
    --info-file "$OUT/gateway.info" --batch-updates "$BATCH_UPDATES" --options "$GATEWAY_OPTIONS" \
    >"$OUT/gateway.log" 2>&1 &
GATEWAY_PID=$!
PIDS+=("$GATEWAY_PID")
for _ in $(seq 300); do [ -s "$OUT/gateway.info" ] && break; kill -0 "$GATEWAY_PID" || break; sleep 0.2; done
[ -s "$OUT/gateway.info" ] || die "the gateway did not start (see $OUT/gateway.log)"
KEY=$(cut -d' ' -f2 "$OUT/gateway.info")

declare -A URL=([direct]="http://127.0.0.1:$MOCK_PORT$PATH_V1" [nginx]="http://127.0.0.1:$NGINX_PORT$PATH_V1"
                [gateway]="http://127.0.0.1:$GATEWAY_PORT$PATH_V1")
TARGETS=(direct nginx gateway)

# Pids whose CPU counts for a target: the mock itself, nginx's master and workers, the gateway JVM.
target_pids() {
    case $1 in
        direct) echo "$MOCK_PID" ;;
        nginx) echo "$NGINX_PID" $(pgrep -P "$NGINX_PID") ;;
        gateway) echo "$GATEWAY_PID" ;;
    esac
}
cpu_ticks() { # pids... -> utime+stime (clock ticks); fields after the ")" of /proc/<pid>/stat
    local total=0 pid
    for pid in "$@"; do
        total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    done
    echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
field() { # line key -> value of key=value
    tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"
}

"$JAVA" -cp "$JAR" io.oneapi.bench.fixture.ChatFixtures request >"$OUT/request.json"
cat >"$OUT/post.lua" <<EOF
local f = assert(io.open("$OUT/request.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-$KEY"
EOF

{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), $(free -g | awk '/Mem:/{print $2}') GB, $(uname -sr)"
    echo "java: $("$JAVA" -version 2>&1 | head -n1)"
    echo "nginx: $(nginx -v 2>&1)"
    echo "wrk: $(wrk -v 2>&1 | head -n1)"
    echo "commit: ${COMMIT:-$(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo unknown)}"
    echo "settings: connections=$CONNECTIONS duration=${DURATION}s runs=$RUNS streams=$STREAMS ramp=${RAMP_MS}ms" \
         "chunk-delay=${CHUNK_DELAY_MS}ms batch-updates=$BATCH_UPDATES gateway-java-opts='$GATEWAY_JAVA_OPTS'" \
         "gateway-options='$GATEWAY_OPTIONS'"
    echo "load before start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/environment.txt"
cat "$OUT/environment.txt" >&2

wants() { [[ " $PHASES " == *" $1 "* ]]; }

# ---------------------------------------------------------------- phase 1: throughput and CPU per request (wrk)
run_wrk() { # target seconds -> writes wrk output to stdout
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s "$OUT/post.lua" "${URL[$1]}"
}
to_us() { # wrk duration such as 812.00us, 1.23ms, 2.00s
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /s$/) print n * 1000000; else print n }'
}
printf 'run\ttarget\trps\trequests\tcpu_us_per_req\tp99_us\tnon2xx\tsocket_errors\n' >"$OUT/wrk.tsv"
wants 1 && for t in "${TARGETS[@]}"; do
    log "phase 1: warming up $t for ${WARMUP}s"
    run_wrk "$t" "$WARMUP" >"$OUT/wrk-warmup-$t.txt"
done
JDK_BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")
if wants 1 && [ "$PROFILE" = true ]; then
    # JFR's "profile" settings, but CPU sampled every 1 ms (default 10-20 ms gives too few samples here).
    "$JDK_BIN/jfr" configure --input profile jdk.ExecutionSample#period=1ms jdk.NativeMethodSample#period=5ms \
        jdk.ObjectAllocationSample#throttle=1000/s --output "$OUT/profile.jfc" >/dev/null
    "$JDK_BIN/jcmd" "$GATEWAY_PID" JFR.start name=load settings="$OUT/profile.jfc" >/dev/null
fi
wants 1 && for run in $(seq "$RUNS"); do
    for t in "${TARGETS[@]}"; do
        # shellcheck disable=SC2046
        before=$(cpu_ticks $(target_pids "$t"))
        run_wrk "$t" "$DURATION" >"$OUT/wrk-$run-$t.txt"
        # shellcheck disable=SC2046
        after=$(cpu_ticks $(target_pids "$t"))
        requests=$(awk '/requests in/ {print $1}' "$OUT/wrk-$run-$t.txt")
        rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$run-$t.txt")
        p99=$(to_us "$(awk '$1 == "99%" {print $2}' "$OUT/wrk-$run-$t.txt")")
        non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk-$run-$t.txt")
        errors=$(awk -F'[ ,]+' '/Socket errors/ {print $4 + $6 + $8 + $10}' "$OUT/wrk-$run-$t.txt")
        cpu=$(awk -v d=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN {printf "%.1f", d / hz * 1e6 / n}')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$t" "$rps" "$requests" "$cpu" "$p99" "${non2xx:-0}" \
            "${errors:-0}" >>"$OUT/wrk.tsv"
        log "phase 1 run $run $t: $rps req/s, $cpu us CPU/request, p99 ${p99}us, non-2xx ${non2xx:-0}"
    done
done
if wants 1 && [ "$PROFILE" = true ]; then
    "$JDK_BIN/jcmd" "$GATEWAY_PID" JFR.stop name=load filename="$OUT/gateway.jfr" >/dev/null
    JFR="$JDK_BIN/jfr" python3 "$HERE/jfr-hotspots.py" "$OUT/gateway.jfr" 40 >"$OUT/hotspots.txt" \
        || log "hot-spot summary failed"
fi
wrk_median() { awk -F'\t' -v t="$1" -v c="$2" 'NR > 1 && $2 == t {print $c}' "$OUT/wrk.tsv" | median; }

# ---------------------------------------------------------------- phase 2: latency at half the gateway's max load
[ -n "$HALF_RATE" ] || ! wants 2 || HALF_RATE=$(awk -v r="$(wrk_median gateway 3)" 'BEGIN {printf "%d", r / 2}')
! wants 2 || [ "${HALF_RATE:-0}" -gt 0 ] 2>/dev/null || die "phase 2 needs a rate: run phase 1 or set HALF_RATE"
# Scheduler time from /proc/<pid>/task/*/schedstat: "run_ns wait_ns" summed over the threads of the given processes.
# Wait is time spent runnable without a core: with two cores shared by client, proxy and mock, it is where the
# open-loop tail comes from. The load generator reports its own (client_run_ms, client_wait_ms).
sched_ns() { # pids... -> "run_ns wait_ns"
    local pid
    for pid in "$@"; do cat /proc/"$pid"/task/*/schedstat 2>/dev/null; done | awk '{r += $1; w += $2} END {printf "%d %d", r, w}'
}
per_second_ms() { # before after seconds field -> ms per second
    awk -v b="$1" -v a="$2" -v s="$3" -v f="$4" 'BEGIN {split(b, x, " "); split(a, y, " "); printf "%.0f", (y[f] - x[f]) / 1e6 / s}'
}
printf 'run\ttarget\trate\tachieved\tp50_us\tp99_us\tp999_us\terrors\trun_ms_s\twait_ms_s\tmock_run_ms_s\tmock_wait_ms_s' \
    >"$OUT/openloop.tsv"
printf '\tclient_run_ms_s\tclient_wait_ms_s\n' >>"$OUT/openloop.tsv"
wants 2 && for run in $(seq "$RUNS"); do
    for t in "${TARGETS[@]}"; do
        # Over the whole invocation (warm-up included): the rates per second compare targets, not absolute cost.
        # shellcheck disable=SC2046
        target_before=$(sched_ns $(target_pids "$t")); mock_before=$(sched_ns "$MOCK_PID"); started=$(date +%s.%N)
        line=$("$JAVA" -cp "$JAR" io.oneapi.bench.load.OpenLoopLoad --url "${URL[$t]}" --key "$KEY" \
            --rate "$HALF_RATE" --connections "$CONNECTIONS" --duration-s "$DURATION" --warmup-s "$OPENLOOP_WARMUP" \
            --label "$t" 2>>"$OUT/openloop.log" | grep '^RESULT') || die "open-loop run failed (see $OUT/openloop.log)"
        # shellcheck disable=SC2046
        target_after=$(sched_ns $(target_pids "$t")); mock_after=$(sched_ns "$MOCK_PID")
        seconds=$(awk -v a="$(date +%s.%N)" -v b="$started" 'BEGIN {print a - b}')
        echo "$line" >>"$OUT/openloop.log"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$t" "$HALF_RATE" \
            "$(field "$line" achieved)" "$(field "$line" p50_us)" "$(field "$line" p99_us)" "$(field "$line" p999_us)" \
            "$(($(field "$line" errors) + $(field "$line" unsent)))" \
            "$(per_second_ms "$target_before" "$target_after" "$seconds" 1)" \
            "$(per_second_ms "$target_before" "$target_after" "$seconds" 2)" \
            "$(per_second_ms "$mock_before" "$mock_after" "$seconds" 1)" \
            "$(per_second_ms "$mock_before" "$mock_after" "$seconds" 2)" \
            "$(awk -v v="$(field "$line" client_run_ms)" -v s="$DURATION" 'BEGIN {printf "%.0f", v / s}')" \
            "$(awk -v v="$(field "$line" client_wait_ms)" -v s="$DURATION" 'BEGIN {printf "%.0f", v / s}')" \
            >>"$OUT/openloop.tsv"
        log "phase 2 run $run $t at $HALF_RATE req/s: p50 $(field "$line" p50_us)us p99 $(field "$line" p99_us)us"
    done
done
openloop_median() { awk -F'\t' -v t="$1" -v c="$2" 'NR > 1 && $2 == t {print $c}' "$OUT/openloop.tsv" | median; }

# ---------------------------------------------------------------- phase 3: concurrent streams
printf 'round\ttarget\tstreams\tcomplete\tfailed\tttfb_p50_us\tttfb_p99_us\tpeak_open\trss_max_kb\n' >"$OUT/streams.tsv"
# Targets interleaved round by round (each invocation: warm-up rounds, then one measured round), so a
# change in the machine's background load hits all three alike.
wants 3 && for round in $(seq "$STREAM_ROUNDS"); do
    for t in "${TARGETS[@]}"; do
        rss_pid=0
        [ "$t" = gateway ] && rss_pid=$GATEWAY_PID
        line=$("$JAVA" -cp "$JAR" io.oneapi.bench.load.StreamLoad --url "${URL[$t]}" --key "$KEY" \
            --streams "$STREAMS" --ramp-ms "$RAMP_MS" --rounds 1 --warmup-rounds "$STREAM_WARMUP_ROUNDS" --timeout-s 60 \
            --rss-pid "$rss_pid" --label "$t" 2>>"$OUT/streams.log" | grep '^RESULT' | tee -a "$OUT/streams.log" \
            | grep 'warmup=false') || die "stream run failed (see $OUT/streams.log)"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$t" "$(field "$line" streams)" \
            "$(field "$line" complete)" "$(field "$line" failed)" "$(field "$line" ttfb_p50_us)" \
            "$(field "$line" ttfb_p99_us)" "$(field "$line" peak_open)" "$(field "$line" rss_max_kb)" >>"$OUT/streams.tsv"
        log "phase 3 round $round $t: $(field "$line" complete)/$(field "$line" streams) complete," \
            "TTFB p50 $(field "$line" ttfb_p50_us)us p99 $(field "$line" ttfb_p99_us)us"
    done
done
streams_median() { awk -F'\t' -v t="$1" -v c="$2" 'NR > 1 && $2 == t {print $c}' "$OUT/streams.tsv" | median; }
GATEWAY_HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$GATEWAY_PID/status")

# ---------------------------------------------------------------- summary
verdict() { awk -v ok="$1" 'BEGIN {print (ok ? "met" : "NOT met")}'; }
{
    cat "$OUT/environment.txt"
    echo
    if wants 1; then
        echo "== phase 1: non-stream, wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s, median of $RUNS runs =="
        printf '%-8s %12s %16s %12s\n' target "req/s" "CPU us/request" "wrk p99 us"
        for t in "${TARGETS[@]}"; do
            printf '%-8s %12s %16s %12s\n' "$t" "$(wrk_median "$t" 3)" "$(wrk_median "$t" 5)" "$(wrk_median "$t" 6)"
        done
        gw_rps=$(wrk_median gateway 3); ng_rps=$(wrk_median nginx 3)
        gw_cpu=$(wrk_median gateway 5); ng_cpu=$(wrk_median nginx 5)
        tp_ratio=$(awk -v a="$gw_rps" -v b="$ng_rps" 'BEGIN {printf "%.2f", a / b}')
        cpu_ratio=$(awk -v a="$gw_cpu" -v b="$ng_cpu" 'BEGIN {printf "%.2f", a / b}')
        echo "gateway/nginx throughput: $tp_ratio (target >= 0.50: $(verdict "$(awk -v r="$tp_ratio" 'BEGIN {print r >= 0.5}')"))"
        echo "gateway/nginx CPU per request: $cpu_ratio (target <= 2.5: $(verdict "$(awk -v r="$cpu_ratio" 'BEGIN {print r <= 2.5}')"))"
        echo
    fi
    if wants 2; then
        echo "== phase 2: open loop at $HALF_RATE req/s (half the gateway's median max), $CONNECTIONS connections, median of $RUNS runs =="
        echo "(run/wait: ms per second that the threads of the target, the mock and the client ran, and were runnable"
        echo " but waited for a core; a target's own figures for direct are the mock's)"
        printf '%-8s %9s %8s %8s %9s %11s %11s %11s\n' target achieved "p50 us" "p99 us" "p99.9 us" "run/wait" \
            "mock r/w" "client r/w"
        for t in "${TARGETS[@]}"; do
            printf '%-8s %9s %8s %8s %9s %11s %11s %11s\n' "$t" "$(openloop_median "$t" 4)" \
                "$(openloop_median "$t" 5)" "$(openloop_median "$t" 6)" "$(openloop_median "$t" 7)" \
                "$(openloop_median "$t" 9)/$(openloop_median "$t" 10)" \
                "$(openloop_median "$t" 11)/$(openloop_median "$t" 12)" \
                "$(openloop_median "$t" 13)/$(openloop_median "$t" 14)"
        done
        added=$(awk -v a="$(openloop_median gateway 6)" -v b="$(openloop_median direct 6)" 'BEGIN {print a - b}')
        added_nginx=$(awk -v a="$(openloop_median nginx 6)" -v b="$(openloop_median direct 6)" 'BEGIN {print a - b}')
        echo "added p99: gateway ${added}us, nginx ${added_nginx}us (target gateway < 2000us: $(verdict "$(awk -v a="$added" 'BEGIN {print a < 2000}')"))"
        echo
    fi
    if wants 3; then
        echo "== phase 3: $STREAMS concurrent streams (20 writes ${CHUNK_DELAY_MS} ms apart, started over ${RAMP_MS} ms), median of $STREAM_ROUNDS rounds =="
        printf '%-8s %10s %8s %14s %14s %10s\n' target complete failed "TTFB p50 us" "TTFB p99 us" "peak open"
        for t in "${TARGETS[@]}"; do
            printf '%-8s %10s %8s %14s %14s %10s\n' "$t" "$(streams_median "$t" 4)" \
                "$(awk -F'\t' -v t="$t" 'NR > 1 && $2 == t {s += $5} END {print s + 0}' "$OUT/streams.tsv")" \
                "$(streams_median "$t" 6)" "$(streams_median "$t" 7)" "$(streams_median "$t" 8)"
        done
        failed=$(awk -F'\t' 'NR > 1 {s += $5} END {print s + 0}' "$OUT/streams.tsv")
        added_ttfb=$(awk -v a="$(streams_median gateway 7)" -v b="$(streams_median direct 7)" 'BEGIN {print a - b}')
        added_ttfb_nginx=$(awk -v a="$(streams_median nginx 7)" -v b="$(streams_median direct 7)" 'BEGIN {print a - b}')
        echo "all streams complete with [DONE]: $(verdict "$((failed == 0))") ($failed failed in all rounds and targets)"
        echo "added TTFB p99: gateway ${added_ttfb}us, nginx ${added_ttfb_nginx}us (target gateway < 2000us: $(verdict "$(awk -v a="$added_ttfb" 'BEGIN {print a < 2000}')"))"
        rss_mb=$(awk -F'\t' 'NR > 1 && $2 == "gateway" && $9 > m {m = $9} END {printf "%.0f", m / 1024}' "$OUT/streams.tsv")
        echo "gateway RSS: max ${rss_mb} MB sampled during streams, peak ${GATEWAY_HWM_KB:-0} kB (VmHWM) over the whole run (target < 512 MB: $(verdict "$(awk -v a="$rss_mb" -v h="${GATEWAY_HWM_KB:-0}" 'BEGIN {print a < 512 && h / 1024 < 512}')"))"
        echo
    fi
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure)"
} | tee "$OUT/summary.txt"
log "done; raw data in $OUT"
