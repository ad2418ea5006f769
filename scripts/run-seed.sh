#!/usr/bin/env bash
# Set up, then analyse the seed article: every quote, who said it, how and where.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/attribution analyze seeds/000_60e8134fa0df8206.txt
