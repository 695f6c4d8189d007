#!/usr/bin/env bash
# Checks of the rules pack (alerts/): the rendered files are up to date with the jsonnet sources
# and jsonnetfmt-clean, promtool accepts the rules, the mixtool-style lint passes, every alert has
# firing and silent unit tests and they all pass (promtool test rules), the Alertmanager example
# passes amtool check-config and routes every alert of the pack to the expected receiver.
# Prints each check, then "N passed, N failed" (each promtool test case counted); exits non-zero
# on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

source test/lib/cases.sh
require_bins 30-rules jsonnet jsonnetfmt promtool amtool node

# The unit tests take the longest: start them first, one promtool per file, two at a time.
tests=(alerts/tests/*.yaml)
promtool_in_background "$tmp/unit" "${tests[@]}"

# 1. Rendered files are up to date with the jsonnet sources.
mkdir -p "$tmp/render"
if bash alerts/render.sh "$tmp/render" >"$tmp/out" 2>&1; then
  for f in prometheus_rules.yaml prometheus_alerts.yaml alertmanager.yml; do
    check "alerts/$f is up to date (alerts/render.sh)" diff -u "alerts/$f" "$tmp/render/$f"
  done
else
  fail "alerts/render.sh renders"; sed 's/^/     /' "$tmp/out"
fi

# 1b. The SLO specs: alerts/slos.json is what alerts/slos.yaml converts to, and the generated
#     promtool and routing cases are what the specs and rendered rules give now.
tsx=node_modules/.bin/tsx
mkdir -p "$tmp/specs"
if "$tsx" alerts/slo/convert.ts alerts/slos.yaml "$tmp/specs/slos.json" >"$tmp/out" 2>&1; then
  check "alerts/slos.json is up to date (tsx alerts/slo/convert.ts)" diff -u alerts/slos.json "$tmp/specs/slos.json"
else
  fail "alerts/slo/convert.ts converts alerts/slos.yaml"; sed 's/^/     /' "$tmp/out"
fi
if "$tsx" alerts/slo/testgen.ts "$tmp/specs" >"$tmp/out" 2>&1; then
  check "alerts/tests/slo-specs.yaml is up to date (tsx alerts/slo/testgen.ts)" diff -u alerts/tests/slo-specs.yaml "$tmp/specs/slo-specs.yaml"
  check "alerts/tests/routes/slo-specs.yaml is up to date (tsx alerts/slo/testgen.ts)" diff -u alerts/tests/routes/slo-specs.yaml "$tmp/specs/routes/slo-specs.yaml"
else
  fail "alerts/slo/testgen.ts runs"; sed 's/^/     /' "$tmp/out"
fi

# 2. jsonnetfmt-clean sources.
while IFS= read -r f; do
  check "jsonnetfmt --test $f" jsonnetfmt --test "$f"
done < <(find alerts -name '*.jsonnet' -o -name '*.libsonnet' | sort)

# 3. promtool check rules (syntax, PromQL, duplicate rules).
check "promtool check rules" promtool check rules alerts/prometheus_rules.yaml alerts/prometheus_alerts.yaml

# 3b. A non-default _config (tiers removed/added/retuned, a family off, another cluster label)
#     still renders to valid, lint-clean rules and a valid Alertmanager config.
mkdir -p "$tmp/variant"
if jsonnet -J alerts alerts/tests/config-variant.jsonnet >"$tmp/variant/in.json" 2>"$tmp/out" \
  && node alerts/render.mjs "$tmp/variant/in.json" "$tmp/variant" >>"$tmp/out" 2>&1 \
  && promtool check rules "$tmp/variant/prometheus_rules.yaml" "$tmp/variant/prometheus_alerts.yaml" >>"$tmp/out" 2>&1 \
  && node alerts/lint/lint.mjs "$tmp/variant/prometheus_rules.yaml" "$tmp/variant/prometheus_alerts.yaml" >>"$tmp/out" 2>&1 \
  && amtool check-config "$tmp/variant/alertmanager.yml" >>"$tmp/out" 2>&1; then
  pass "a tuned _config (alerts/tests/config-variant.jsonnet) renders valid, lint-clean rules and routing"
else
  fail "a tuned _config (alerts/tests/config-variant.jsonnet) renders valid, lint-clean rules and routing"; sed 's/^/     /' "$tmp/out"
fi

# 4. mixtool-style lint and unit-test coverage (prints the number of promtool test cases).
check "lint (severity, summary/description templates, runbooks, names <= 40, <= 20 rules per group)" node alerts/lint/lint.mjs
if node alerts/lint/tests.mjs >"$tmp/out" 2>&1; then
  pass "every alert has a firing and a silent unit test"
else
  fail "every alert has a firing and a silent unit test"; sed 's/^/     /' "$tmp/out"
fi
cases_line=$(grep '^promtool test cases:' "$tmp/out" || true)

# 5. Alertmanager example: valid, and routes every alert of the pack as expected.
check "amtool check-config alerts/alertmanager.yml" amtool check-config alerts/alertmanager.yml
if "$tsx" alerts/lint/routes.mjs >"$tmp/routes" 2>&1; then :; fi
grep -E '^(ok|FAIL) ' "$tmp/routes" | sed 's/^ok   /ok   route: /; s/^FAIL /FAIL route: /' || true
route_counts=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed' "$tmp/routes" | tail -n 1 || true)
if [ -n "$route_counts" ]; then
  passed=$((passed + $(echo "$route_counts" | cut -d' ' -f1)))
  failed=$((failed + $(echo "$route_counts" | cut -d' ' -f3)))
else
  fail "alerts/lint/routes.mjs ran"; sed 's/^/     /' "$tmp/routes"
fi
route_line=$(grep '^routes:' "$tmp/routes" || true)

# 6. promtool test rules, collected and counted case by case.
wait "$promtool_pid" || true
for f in "${tests[@]}"; do
  promtool_cases "$tmp/unit" "$f" "promtool test rules $f"
done

echo
[ -n "$cases_line" ] && echo "$cases_line"
[ -n "$route_line" ] && echo "$route_line"
echo "30-rules finished in $(( $(date +%s) - started )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
