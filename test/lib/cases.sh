# Shared by the stage scripts in test/stages/ (source it after cd to the repository root): case
# counters, a temporary folder removed on exit, and the helpers below. A stage prints each case,
# then "N passed, N failed", where N counts cases (a promtool file counts each of its cases).
started=$(date +%s)
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# check NAME CMD...: one case; shows the command's output only when it fails.
check() {
  local name=$1; shift
  if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name"; sed 's/^/     /' "$tmp/out"; fi
}

# require_bins STAGE BIN...: stop the stage with one line (and a failed count) when a tool is missing.
require_bins() {
  local stage=$1; shift
  for bin in "$@"; do
    command -v "$bin" >/dev/null 2>&1 || { echo "$stage: $bin not found (run scripts/setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
  done
}

# promtool_in_background OUTDIR FILE...: `promtool test rules` on each file, two at a time, in the
# background; OUTDIR/<name>.log and OUTDIR/<name>.rc (0 = passed). Sets promtool_pid to wait on.
promtool_in_background() {
  local out=$1; shift
  mkdir -p "$out"
  printf '%s\n' "$@" | xargs -P 2 -I{} sh -c 'f="{}"; n=$(basename "$f" .yaml); if promtool test rules "$f" >"$0/$n.log" 2>&1; then echo 0 >"$0/$n.rc"; else echo 1 >"$0/$n.rc"; fi' "$out" &
  promtool_pid=$!
}

# promtool_passed OUTDIR NAME: whether that file's promtool run passed.
promtool_passed() { [ "$(cat "$1/$2.rc" 2>/dev/null || echo 1)" = 0 ]; }

# promtool_cases OUTDIR FILE LABEL: counts FILE's cases (each alert_rule_test and promql_expr_test
# entry, test/lib/promtoolCases.mjs) as passed or failed from its promtool_in_background run, prints
# one line (and promtool's report when it failed), and leaves the number of cases in last_cases.
promtool_cases() {
  local out=$1 file=$2 label=$3 n counts total bad
  n=$(basename "$file" .yaml)
  last_cases=0
  if promtool_passed "$out" "$n"; then
    counts=$(node test/lib/promtoolCases.mjs "$file" 2>&1) || { fail "$label: cannot count its cases: $counts"; return; }
  else
    counts=$(node test/lib/promtoolCases.mjs "$file" "$out/$n.log" 2>&1) || counts="1 1"
  fi
  total=${counts% *}
  bad=${counts#* }
  last_cases=$total
  passed=$((passed + total - bad))
  failed=$((failed + bad))
  if [ "$bad" -eq 0 ]; then
    echo "ok   $label: $total cases"
  else
    echo "FAIL $label: $bad of $total cases failed"; sed 's/^/     /' "$out/$n.log" 2>/dev/null | head -n 80 || true
  fi
}
