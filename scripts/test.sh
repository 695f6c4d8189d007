#!/usr/bin/env bash
# The test command: installs what is missing, then typecheck, lint, build, unit tests, checks of
# the built plugins, and every stage in test/stages/ (rules, demo stack + integration and browser
# tests, ...). Runs every stage, prints a summary, exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-true}"
bash scripts/setup.sh || { echo "setup failed"; exit 1; }

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
passed=0
failed=0
failed_stages=()
started=$(date +%s)

# Adds a stage's test counts: from jest's JSON report (a suite that fails to load or crashes counts
# as failed, test/lib/jestCounts.mjs), or from a final "N passed, N failed" line. A stage that
# failed with no failed count adds one failure.
count() {
  local name=$1 log=$2 json=$3 status=$4 p=0 f=0 counts
  if [ -n "$json" ] && [ -s "$json" ] && counts=$(node test/lib/jestCounts.mjs "$json"); then
    p=${counts% *}
    f=${counts#* }
  else
    local line
    line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
    if [ -n "$line" ]; then
      p=$(echo "$line" | cut -d' ' -f1)
      f=$(echo "$line" | cut -d' ' -f3)
    else
      [ "$status" -eq 0 ] && p=1 || f=1
    fi
  fi
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$status" -eq 0 ] || failed_stages+=("$name")
}

stage() {
  local name=$1; shift
  local log="$results/$(echo "$name" | tr -c 'a-zA-Z0-9' '_').log" json="" t0 status
  for arg in "$@"; do case "$arg" in --outputFile=*) json="${arg#--outputFile=}" ;; esac; done
  echo "=== $name"
  t0=$(date +%s)
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  count "$name" "$log" "$json" "$status"
  echo "=== $name: $([ "$status" -eq 0 ] && echo ok || echo FAILED) in $(( $(date +%s) - t0 )) s"
}

jest_stage() {
  local name=$1 config=$2
  shift 2
  stage "$name" npx jest --config "$config" --ci --json --outputFile="$results/$config.json" "$@"
}

stage "typecheck" npx tsc --noEmit -p tsconfig.json
stage "lint" npx eslint --max-warnings=0 .
stage "build" npm run --silent build
# Unit tests on every core (jest in CI keeps one core for itself: one worker on 2 cores, 297 s
# against 195 s on both, measured here); they hold no wall-clock bounds.
jest_stage "unit tests" jest.config.js --maxWorkers=100%
jest_stage "built plugin checks" jest.checks.config.js
for script in test/stages/*.sh; do
  [ -e "$script" ] || continue
  stage "$(basename "$script" .sh)" bash "$script"
done

echo
echo "Finished in $(( $(date +%s) - started )) s."
if [ ${#failed_stages[@]} -gt 0 ]; then
  echo "Failed stages: ${failed_stages[*]}"
fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failed_stages[@]} -eq 0 ]
