#!/usr/bin/env bash
# Regenerates docs/img/ from the browser tests: every panel test writes its screenshot to
# preview/.build/screenshots/ and, with HEADROOM_UPDATE_SCREENSHOTS=1, to docs/img/<name>.png
# (panels: <plugin-id>-<theme>.png; dashboards: dashboard-<uid>.png). Needs the demo stack:
# starts it detached if it is not running, and stops it afterwards if it started it.
#   bash preview/update-screenshots.sh [jest path filter, e.g. preview/tests/panels]
set -euo pipefail
cd "$(dirname "$0")/.."
tsx=node_modules/.bin/tsx
started=0
if ! "$tsx" stack/cli.ts status >/dev/null 2>&1; then
  "$tsx" stack/cli.ts start --detach
  started=1
fi
trap '[ "$started" -eq 1 ] && "$tsx" stack/cli.ts stop' EXIT
HEADROOM_UPDATE_SCREENSHOTS=1 node_modules/.bin/jest --config jest.integration.config.js "${@:-preview/tests}"
ls -l docs/img/
