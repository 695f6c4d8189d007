#!/usr/bin/env bash
# Renders the dashboards of the mixin to JSON, one file per dashboard named after its uid.
# Usage: dashboards/render.sh [OUT_DIR]     (default: dashboards/out, committed)
# Needs jsonnet (C++ 0.18+ or go-jsonnet) and node. Stale *.json files in OUT_DIR are removed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/out}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
jsonnet -J "$here" -m "$tmp" "$here/render.jsonnet" >/dev/null
mkdir -p "$out"
rm -f "$out"/*.json
# Same bytes whatever jsonnet's own indentation: two spaces, keys as jsonnet sorted them.
node -e '
  const fs = require("fs"), path = require("path");
  const [src, dst] = process.argv.slice(1);
  for (const f of fs.readdirSync(src).sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(src, f), "utf8"));
    fs.writeFileSync(path.join(dst, f), JSON.stringify(doc, null, 2) + "\n");
  }
' "$tmp" "$out"
