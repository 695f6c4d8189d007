#!/usr/bin/env bash
# Demo stack stage: starts the local stack (stack/cli.ts start --detach: 30 days of backfilled
# history, cached in the state folder after the first run), runs every integration test
# (jest.integration.config.js: *.itest.ts) against it in two phases (below), then stops it and checks that no process
# and no listening port is left behind. The stop also runs on any failure (trap). When a stack of
# the same state folder is already running (a developer's), it is tested and left running.
# Prints "N passed, N failed" last.
set -euo pipefail
cd "$(dirname "$0")/../.."

tsx=node_modules/.bin/tsx
state="${HEADROOM_STATE_DIR:-.headroom-stack}"
tmp="$(mktemp -d)"
started_here=0
cleanup() {
  if [ "$started_here" -eq 1 ]; then
    "$tsx" stack/cli.ts stop || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if "$tsx" stack/cli.ts status >"$tmp/status" 2>&1; then
  echo "stack already running (state $state): testing it and leaving it running"
else
  t0=$(date +%s)
  started_here=1
  "$tsx" stack/cli.ts start --detach
  echo "stack started in $(( $(date +%s) - t0 )) s"
fi

# The itests in two phases (one jest per line of work, each with one worker):
# 1. The data tier's real incidents (stack/datatier/incidents.itest.ts: 5-6 minutes, mostly waiting
#    out the alerts' real `for:`) beside itests that are mostly waiting too and touch nothing the
#    incidents disturb: a check Prometheus of its own (low-budget), a small stack of its own
#    (lifecycle), the forecast exporter, the routing of the pack's own test alerts. Each looks only
#    for its own alerts' notifications at the receiver. (The interrupt itest starts and builds a
#    stack several times, two cores' worth: it stays in phase 2.)
#    A third jest runs the live part's incidents one after the other (~7 min together, about the
#    incidents' length): the pool incident (a lock on live_orders, which nothing else uses; ~2 min,
#    mostly waiting) and the live scaling alerts (stack/live/alerts.itest.ts, ~4-5 min): it drives
#    the live HPA 5 -> 10 (held there by the Deployment manifest's replicas while the HPA wants 12:
#    a stalled scale-up) -> 12 with ~0.7-0.85 core of the replicas' CPU for ~4.3 min and waits out
#    two `for`s and a group_wait. Measured beside the incidents on one stack (load average 43 from other
#    work): the incidents' timings within seconds of the same test alone before (PG lag 224 vs
#    223 s, MariaDB 89 vs 96 s, query time P95 over 100 ms after 51 vs 41 s and back under after
#    266 vs 280 s) and the live test reached 12 in 97.8 s (94-95 s alone). Neither touches the
#    tier's servers' state the incidents use (the scaling step's reads hit the real Redis: a few
#    thousand hits beside the Redis incident's 30,000 misses keep its ratio far under 90 %), and
#    each looks only for its own notifications (labelled by its check Prometheus).
#    The incidents line also runs the Redis health incidents (one test after the cache drop test of
#    the same file: a fill past maxmemory, a burst past maxclients, the real Redis stopped ~45 s and
#    started again as the stack does; a check Prometheus of its own with short `for`s). It ends when
#    the evictions and refused connections have left the 5-minute window: 309-323 s after the burst;
#    alone 326 s after the file's start (330 s jest; the file measured 323 s here before), so the
#    incidents line stays under the live line. Beside both other lines (one run, on a stack shared
#    with another helper's PostgreSQL/MariaDB incidents, which failed the replication tests there)
#    it passed, 323 s after its burst, and the live line kept its times (355 s: alerts 242 s, pool 107 s).
#    The data tier's saturation incidents (stack/datatier/saturation.itest.ts: both replicas down,
#    connections held and statements at 3,000/s on both primaries, and the database host's CPUs
#    busy from two computing PostgreSQL sessions at nice 19, all at once; ~2.5 min, mostly the
#    ticket route's 1-minute group_wait and the statements' 30 s rate falling back) run in the
#    incidents' line right after them, when nothing else uses the tier's servers: beside the live
#    line's last half minute (its scale-down, which reads only the autoscaler's replica count).
#    Measured alone on the same stack: paged 23-25 s after the stop, ticketed 83-93 s after the
#    start, all inactive after 114-131 s (the file 135 s): the phase grows by ~2 min (323 + ~140 s
#    against the live line's 353 s), more than the minute aimed for. After the incidents and not
#    before: 3,000 fast statements/s on the MariaDB primary keep its query time P95 under 100 ms
#    for the next 5 minutes (run first, the query time incident never passed it).
# 2. Every other itest, once the tier is quiet again (the data tier's values, the live service's
#    replica reads, the resource budget at rest, the dashboards' values last: test/lib/itestSequencer.js).
jest_itests() {
  local name=$1; shift
  node_modules/.bin/jest --config jest.integration.config.js --ci --json --outputFile="$tmp/$name.json" --runTestsByPath "$@"
}
# 0. The resource budget at rest (issue 19: the whole stack at rest), alone, before any test loads it.
at_rest=(stack/resources.itest.ts)
incidents=(stack/datatier/incidents.itest.ts)
saturation=(stack/datatier/saturation.itest.ts)
# The live autoscaler on its own ports (fixture replicas, ~55 s, 0.3 core of load), first on the
# beside line: over before the live line's scaling test begins (after the pool test, ~107 s), and
# out of phase 2, which it made ~55 s longer.
scaler=(stack/live/autoscaler.itest.ts)
beside=(alerts/tests/low-budget.itest.ts stack/forecast.itest.ts stack/lifecycle.itest.ts alerts/tests/live-routing.itest.ts)
live=(stack/live/pool.itest.ts stack/live/alerts.itest.ts)
rest=()
while IFS= read -r file; do
  file=${file#"$PWD/"}
  case " ${at_rest[*]} ${incidents[*]} ${saturation[*]} ${scaler[*]} ${beside[*]} ${live[*]} " in *" $file "*) ;; *) rest+=("$file") ;; esac
done < <(node_modules/.bin/jest --config jest.integration.config.js --listTests | sort)

status=0
jest_itests at_rest "${at_rest[@]}" || status=$?
{
  s=0
  jest_itests incidents "${incidents[@]}" >"$tmp/incidents.log" 2>&1 || s=$?
  jest_itests saturation "${saturation[@]}" >"$tmp/saturation.log" 2>&1 || s=$?
  exit "$s"
} &
incidents_pid=$!
jest_itests live "${live[@]}" >"$tmp/live.log" 2>&1 &
live_pid=$!
(
  s=0
  jest_itests scaler "${scaler[@]}" || s=$?
  jest_itests beside "${beside[@]}" || s=$?
  exit "$s"
) || status=$?
wait "$incidents_pid" || status=$?
wait "$live_pid" || status=$?
echo "--- ${incidents[*]} (ran beside the tests above)"
cat "$tmp/incidents.log"
echo "--- ${saturation[*]} (ran after the incidents, beside the tests above)"
cat "$tmp/saturation.log"
echo "--- ${live[*]} (ran beside the tests above)"
cat "$tmp/live.log"
jest_itests rest "${rest[@]}" || status=$?
# What the stack holds after the whole suite's load (issue 19's budget is asserted at rest after the
# start, stack/resources.itest.ts; this is printed, for the figures after use): 20 s.
if [ "$started_here" -eq 1 ]; then
  echo "--- the stack after the suite (tsx stack/measure.ts 20)"
  "$tsx" stack/measure.ts 20 || true
fi

passed=0
failed=0
for phase in at_rest incidents saturation scaler beside live rest; do
  if [ -s "$tmp/$phase.json" ] && counts=$(node test/lib/jestCounts.mjs "$tmp/$phase.json"); then
    passed=$((passed + ${counts% *}))
    failed=$((failed + ${counts#* }))
  else
    echo "FAIL the $phase itests left no report"
    failed=$((failed + 1))
  fi
done

# start -> stop leaves nothing behind: every recorded pid gone (or a zombie awaiting its reaper),
# every port closed (the data tier's servers and exporters included), no pid file left, and no
# process naming the state folder (PostgreSQL's backends, the workload's client tools).
if [ "$started_here" -eq 1 ]; then
  pids=$(cat "$state"/pids/*.pid 2>/dev/null | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(s.split("\n").filter(Boolean).map((l) => JSON.parse(l).pid).join(" ")))')
  started_here=0
  "$tsx" stack/cli.ts stop
  left=""
  for pid in $pids; do
    if kill -0 "$pid" 2>/dev/null && ! sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | grep -q '^Z'; then left="$left pid $pid"; fi
  done
  for port in "${HEADROOM_PROMETHEUS_PORT:-19090}" "${HEADROOM_ALERTMANAGER_PORT:-19093}" "${HEADROOM_SIMULATOR_PORT:-19100}" "${HEADROOM_RECEIVER_PORT:-19101}" \
    "${HEADROOM_VM_PORT:-19428}" "${HEADROOM_VMALERT_PORT:-19880}" "${HEADROOM_FORECAST_PORT:-19102}" \
    "${HEADROOM_PG_PRIMARY_PORT:-19432}" "${HEADROOM_PG_REPLICA_PORT:-19433}" "${HEADROOM_MARIADB_PRIMARY_PORT:-19306}" "${HEADROOM_MARIADB_REPLICA_PORT:-19307}" \
    "${HEADROOM_REDIS_PORT:-19379}" "${HEADROOM_PG_PRIMARY_EXPORTER_PORT:-19187}" "${HEADROOM_PG_REPLICA_EXPORTER_PORT:-19188}" \
    "${HEADROOM_MYSQLD_PRIMARY_EXPORTER_PORT:-19104}" "${HEADROOM_MYSQLD_REPLICA_EXPORTER_PORT:-19105}" "${HEADROOM_REDIS_EXPORTER_PORT:-19121}" \
    "${HEADROOM_NODE_EXPORTER_PORT:-19110}" "${HEADROOM_LIVE_PORT:-19080}" "${HEADROOM_AUTOSCALER_PORT:-19081}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then left="$left port $port"; fi
  done
  if ls "$state"/pids/*.pid >/dev/null 2>&1; then left="$left pid-files"; fi
  state_abs=$(cd "$state" && pwd)
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = "$$" ] && continue
    # an argument inside the state folder, or the folder itself
    if { tr '\0' '\n' <"$p/cmdline"; } 2>/dev/null | awk -v d="$state_abs" 'index($0, d "/") || substr($0, length($0) - length(d) + 1) == d { f = 1 } END { exit !f }' &&
      ! sed 's/^.*) //' "$p/stat" 2>/dev/null | grep -q '^Z'; then left="$left process ${p#/proc/}"; fi
  done
  if [ -z "$left" ] && [ -n "$pids" ]; then
    passed=$((passed + 1))
    echo "ok   stop ended every process of the stack (pids $pids) and closed its ports"
  else
    failed=$((failed + 1))
    status=1
    echo "FAIL stop left behind:${left:- (no pids were recorded)}"
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
