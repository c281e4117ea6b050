#!/usr/bin/env bash
# Set up a fresh machine and run the whole test suite: Debian packages, a virtualenv, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# The tests train on the real Fashion-MNIST (Debian ships the official files), drive a real browser, and store
# class polls in a real PostgreSQL too (tools/postgres_server.py starts one, as the postgres user when run as root).
missing=()
for package in dataset-fashion-mnist chromium chromium-driver postgresql; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
