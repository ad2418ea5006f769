#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries (the store tests start their own server from
# them, in a temporary folder, on a free local port) unless present.
set -euo pipefail
cd "$(dirname "$0")/.."
found() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
found || scripts/apt-install.sh postgresql
found
