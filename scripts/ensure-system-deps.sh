#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing: Chromium for the browser
# tests, Cyrus (cyrus-caldav ships the httpd that serves JMAP) for the engine tests.
# A fast no-op when everything is present.
set -euo pipefail
need=()
for p in chromium cyrus-imapd cyrus-caldav cyrus-admin sasl2-bin; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && { echo "system packages present"; exit 0; }
if [ "$(id -u)" != 0 ]; then
  echo "These Debian packages are missing and installing them needs root: ${need[*]}" >&2
  echo "Run: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing: ${need[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
