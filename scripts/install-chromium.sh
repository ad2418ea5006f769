#!/usr/bin/env bash
# Install Debian's chromium (a real headless browser for the page tests) unless present.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null 2>&1 || scripts/apt-install.sh chromium
command -v chromium >/dev/null
