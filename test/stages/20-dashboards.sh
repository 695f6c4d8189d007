#!/usr/bin/env bash
# Dashboards stage: the committed dashboards/out/*.json are what the jsonnet renders now, every
# jsonnet file is jsonnetfmt-clean, the library's and the mixin's jsonnet tests pass, and the
# built app lists and carries the dashboards. The checks of the JSON itself (types, data source
# references, PromQL syntax, panel options, layout) are jest tests in dashboards/dashboards.test.ts,
# run by the unit tests; the live PromQL check is dashboards/queries.itest.ts (demo stack stage).
# Prints "N passed, N failed" last.
set -euo pipefail
cd "$(dirname "$0")/../.."

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for tool in jsonnet jsonnetfmt node; do
  if ! command -v "$tool" >/dev/null; then
    fail "$tool is not installed (Debian: apt-get install jsonnet nodejs)"
    echo "$passed passed, $failed failed"
    exit 1
  fi
done

# 1. Rendered output is up to date, file by file.
if bash dashboards/render.sh "$tmp/out" 2>"$tmp/render.err"; then
  pass "dashboards render"
  for f in $( (ls "$tmp/out"; ls dashboards/out) | grep '\.json$' | sort -u); do
    if [ ! -e "dashboards/out/$f" ]; then
      fail "dashboards/out/$f is missing: run dashboards/render.sh and commit"
    elif [ ! -e "$tmp/out/$f" ]; then
      fail "dashboards/out/$f is no longer rendered: run dashboards/render.sh and commit"
    elif cmp -s "$tmp/out/$f" "dashboards/out/$f"; then
      pass "dashboards/out/$f is up to date"
    else
      fail "dashboards/out/$f is out of date: run dashboards/render.sh and commit"
      diff -u "dashboards/out/$f" "$tmp/out/$f" | head -n 20 || true
    fi
  done
else
  fail "dashboards render"
  cat "$tmp/render.err"
fi

# 2. jsonnetfmt on every jsonnet source.
while IFS= read -r f; do
  if jsonnetfmt --test "$f"; then
    pass "jsonnetfmt $f"
  else
    fail "jsonnetfmt $f (fix with: jsonnetfmt -i $f)"
  fi
done < <( (echo mixin.libsonnet; find dashboards -name '*.jsonnet' -o -name '*.libsonnet') | sort)

# 3. jsonnet tests: one line per case; a failing case stops the file with its name.
for t in dashboards/lib/lib_test.jsonnet dashboards/mixin_test.jsonnet; do
  if jsonnet -J dashboards "$t" >"$tmp/t.json" 2>"$tmp/t.err"; then
    n=$(node -p "require('$tmp/t.json').passed.length")
    passed=$((passed + n))
    echo "ok   $t: $n cases"
  else
    fail "$t"
    head -c 2000 "$tmp/t.err"
    echo
  fi
done

# 4. The built app (npm run build) lists every dashboard in its includes and carries the file.
app=dist/headroom-suite-app
if [ -f "$app/plugin.json" ]; then
  for f in dashboards/out/*.json; do
    name=$(basename "$f")
    if node -e '
      const [app, file, name] = process.argv.slice(1);
      const fs = require("fs");
      const plugin = JSON.parse(fs.readFileSync(app + "/plugin.json", "utf8"));
      const d = JSON.parse(fs.readFileSync(file, "utf8"));
      const inc = (plugin.includes || []).find((i) => i.type === "dashboard" && i.path === "dashboards/" + name);
      const copy = app + "/dashboards/" + name;
      process.exit(inc && inc.uid === d.uid && fs.existsSync(copy) && fs.readFileSync(copy, "utf8") === fs.readFileSync(file, "utf8") ? 0 : 1);
    ' "$app" "$f" "$name"; then
      pass "app includes $name"
    else
      fail "app includes $name (run npm run build after rendering)"
    fi
  done
else
  echo "skip app includes: $app/plugin.json not built (npm run build)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
