#!/usr/bin/env sh
# A self-signed certificate for local runs of the compose stack: writes tls.crt and tls.key into
# deploy/nginx/tls/ (or the directory given). Real deployments mount their own certificate there
# (PAYCALLBACK_TLS_DIR); gateways refuse a self-signed one.
set -eu
dir="${1:-$(dirname "$0")/tls}"
mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -sha256 -days 30 -nodes \
  -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>/dev/null
chmod 600 "$dir/tls.key"
echo "wrote $dir/tls.crt and $dir/tls.key"
