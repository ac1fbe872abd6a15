#!/usr/bin/env bash
# Checks the deployment files with the real tools, where they are installed: the compose file with
# no variable set, the Prometheus alert rules and config, the nginx config with a throw-away
# certificate. A tool that is missing is reported and skipped; `./mvnw verify` does not need any.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
skip() { echo "SKIP $1: $2 is not installed"; }

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  compose=()
fi
if [ ${#compose[@]} -gt 0 ]; then
  # With an empty environment: every variable the file uses must have a default.
  if env -i PATH="$PATH" HOME="${HOME:-/tmp}" "${compose[@]}" config --quiet; then
    echo "OK   docker-compose.yml"
  else
    echo "FAIL docker-compose.yml"; status=1
  fi
else
  skip "compose file" "docker compose"
fi

if command -v promtool >/dev/null 2>&1; then
  if promtool check rules deploy/prometheus/alerts.yml \
    && promtool check config deploy/prometheus/prometheus.yml \
    && promtool test rules deploy/prometheus/alerts-test.yml; then
    echo "OK   Prometheus rules (checked and unit-tested) and config"
  else
    echo "FAIL Prometheus rules or config"; status=1
  fi
else
  skip "Prometheus rules" "promtool"
fi

if command -v nginx >/dev/null 2>&1; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  deploy/nginx/self-signed-cert.sh "$work/tls" >/dev/null
  sed "s#/etc/nginx/tls/#$work/tls/#" deploy/nginx/nginx.conf > "$work/nginx.conf"
  if nginx -t -q -e stderr -p "$work" -c "$work/nginx.conf"; then
    echo "OK   nginx config"
  else
    echo "FAIL nginx config"; status=1
  fi
else
  skip "nginx config" "nginx"
fi
exit $status
