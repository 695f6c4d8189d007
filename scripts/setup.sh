#!/usr/bin/env bash
# Installs what Headroom needs and is missing: Debian packages (Prometheus + promtool, Alertmanager
# + amtool, jsonnet + jsonnetfmt, Chromium, VictoriaMetrics + vmalert + vmctl for the stack's second
# engine) and the npm dependencies from package-lock.json.
# Safe to run again: it skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 && command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v jsonnet >/dev/null 2>&1 && command -v jsonnetfmt >/dev/null 2>&1 || missing+=(jsonnet)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v victoria-metrics >/dev/null 2>&1 && command -v vmalert >/dev/null 2>&1 && command -v vmctl >/dev/null 2>&1 || missing+=(victoria-metrics)

# The stack's data tier (stack/datatier): PostgreSQL 15, MariaDB, Redis and the exporters, run only
# as the stack's own processes (package -> the system service it would enable).
declare -A datatier_units=([postgresql-15]=postgresql [mariadb-server]=mariadb [redis-server]=redis-server
  [prometheus-postgres-exporter]=prometheus-postgres-exporter [prometheus-mysqld-exporter]=prometheus-mysqld-exporter
  [prometheus-redis-exporter]=prometheus-redis-exporter [prometheus-node-exporter]=prometheus-node-exporter)
[ -x /usr/lib/postgresql/15/bin/postgres ] && [ -x /usr/lib/postgresql/15/bin/pgbench ] || missing+=(postgresql-15)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 && command -v mariadb-slap >/dev/null 2>&1 || missing+=(mariadb-client)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 && command -v redis-benchmark >/dev/null 2>&1 || missing+=(redis-tools)
for exporter in postgres mysqld redis node; do
  command -v "prometheus-$exporter-exporter" >/dev/null 2>&1 || missing+=("prometheus-$exporter-exporter")
done
new_units=()
for pkg in "${missing[@]}"; do [ -n "${datatier_units[$pkg]:-}" ] && new_units+=("${datatier_units[$pkg]}"); done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # No system service may start (victoria-metrics' package would start one on :8428): deny starts
  # during the install unless a policy already exists, and leave the unit disabled.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { [ "$own_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d; exit 1; }
  [ "$own_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  if command -v systemctl >/dev/null 2>&1; then systemctl disable victoria-metrics >/dev/null 2>&1 || true; fi
fi

# The units those packages just enabled stay off (a box's own, installed before, is left alone):
# stopped and disabled with systemd, or through their init scripts on a box without it (a
# container), so that no PostgreSQL, MariaDB, Redis or exporter of the system runs beside the
# stack's own (which never use their /run paths: TCP on 127.0.0.1, sockets in the state folder).
if [ ${#new_units[@]} -gt 0 ]; then
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now "${new_units[@]}" >/dev/null 2>&1 || true
  else
    for unit in "${new_units[@]}"; do
      if [ -x "/etc/init.d/$unit" ]; then
        service "$unit" stop >/dev/null 2>&1 || true
        command -v update-rc.d >/dev/null 2>&1 && update-rc.d "$unit" disable >/dev/null 2>&1 || true
      fi
    done
  fi
fi

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.headroom-lock-hash
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "setup: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi
