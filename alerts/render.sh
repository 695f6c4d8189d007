#!/usr/bin/env bash
# Render the jsonnet sources to the committed files:
#   prometheus_rules.yaml (recording rules), prometheus_alerts.yaml (alerting rules),
#   alertmanager.yml (example on-call routing).
# Usage: alerts/render.sh [OUTDIR]   (default: alerts/, next to this script)
# Needs jsonnet and node (js-yaml from the repository's node_modules).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
jsonnet -J "$here" "$here/render.jsonnet" >"$tmp/render.json"
node "$here/render.mjs" "$tmp/render.json" "$out"
