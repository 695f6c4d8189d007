#!/usr/bin/env bash
# The run command: installs what is missing, builds every plugin and the preview host, then starts
# the local demo stack (Prometheus, Alertmanager, the simulated workload, the webhook receiver) and
# the preview host together, and prints the URL to open. Ctrl-C stops both. A stack that is already
# running (`tsx stack/cli.ts start --detach`) is used as it is and left running.
# Ports: HEADROOM_PREVIEW_PORT (13000), HEADROOM_PROMETHEUS_PORT (19090), see docs/CONVENTIONS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent build
tsx=node_modules/.bin/tsx
"$tsx" preview/build.ts

preview_port="${HEADROOM_PREVIEW_PORT:-13000}"
prometheus_port="${HEADROOM_PROMETHEUS_PORT:-19090}"
export HEADROOM_PROMETHEUS_URL="${HEADROOM_PROMETHEUS_URL:-http://127.0.0.1:$prometheus_port}"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Runs a command in the background, its output passing through; creates the file $1 when a line
# matches the pattern $2. Sets $! to the command's pid.
flag_on_line() {
  local flag=$1 pattern=$2
  shift 2
  "$@" > >(while IFS= read -r line; do
    printf '%s\n' "$line"
    case "$line" in *$pattern*) : >"$flag" ;; esac
  done) 2>&1 &
}
# Prometheus answers 200 on /-/ready once its TSDB is loaded.
prometheus_ready() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200') 2>/dev/null
}

stack_pid=""
preview_pid=""
stop() {
  trap - INT TERM
  # A Ctrl-C in the terminal reaches them already; give them a moment, then ask the ones left.
  for _ in 1 2 3 4 5; do
    kill -0 $preview_pid $stack_pid 2>/dev/null || break
    sleep 0.2
  done
  for pid in $preview_pid $stack_pid; do
    kill -INT "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM

if [ -f stack/cli.ts ] && ! "$tsx" stack/cli.ts status >/dev/null 2>&1; then
  # The stack's own lines pass through; its "up in ..." line (or, failing that, Prometheus ready
  # and the receiver listening for 60 s) says it is up, so that the URL comes after them.
  up_flag="$(mktemp -u)"
  flag_on_line "$up_flag" " up in " "$tsx" stack/cli.ts start "$@"
  stack_pid=$!
  waited=0
  until [ -e "$up_flag" ]; do
    if ! kill -0 "$stack_pid" 2>/dev/null; then
      wait "$stack_pid" || exit $?
      exit 1
    fi
    if prometheus_ready "$prometheus_port" && listening "${HEADROOM_RECEIVER_PORT:-19101}"; then
      waited=$((waited + 1))
      [ "$waited" -ge 60 ] && break
    fi
    sleep 1
  done
  sleep 0.3
  rm -f "$up_flag"
elif [ -f stack/cli.ts ]; then
  echo "run: the demo stack is already running: using it (stop it with: $tsx stack/cli.ts stop)"
fi

listening_flag="$(mktemp -u)"
flag_on_line "$listening_flag" "preview: http://" "$tsx" preview/server.ts --no-build
preview_pid=$!
until [ -e "$listening_flag" ]; do
  if ! kill -0 "$preview_pid" 2>/dev/null; then
    # The server said why (e.g. the port is taken); stop what was started here.
    wait "$preview_pid" || true
    stop
    exit 1
  fi
  sleep 0.2
done
rm -f "$listening_flag"
echo
echo "Headroom is running: open http://127.0.0.1:$preview_port/   (Ctrl-C stops everything)"
echo

# Whichever ends first (a crash, or its own Ctrl-C handling) ends the other one too.
status=0
wait -n $stack_pid $preview_pid || status=$?
stop
exit "$status"
