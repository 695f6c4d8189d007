#!/usr/bin/env bash
# Grafana API compatibility: every plugin's sources compiled against the @grafana/* declarations of
# each Grafana version from 10.4 to 13.x (test/grafana-api/versions.json); each plugin.json's
# grafanaDependency must be the lowest version from which all pass. The declarations download once
# into .cache/grafana-api/ (gitignored) with `npm pack`; without the registry a version is skipped
# with one line. Prints "N passed, N failed" last.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node_modules/.bin/tsx test/grafana-api/check.ts
