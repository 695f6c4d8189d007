#!/usr/bin/env bash
# The run command: installs what is missing, builds every plugin, then starts the local demo
# stack (Prometheus, Alertmanager, the simulated workload, the webhook receiver) in the foreground
# when it is present; Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent build
if [ -f stack/cli.ts ]; then
  exec node_modules/.bin/tsx stack/cli.ts start "$@"
fi
