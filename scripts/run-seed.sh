#!/usr/bin/env bash
# Set up, then analyse the seed article: every quote, who said it, how and where.
# With --dashboard, then open the dashboard on it (`attribution dashboard`: the page shipped
# in the package, the models loaded before the server starts; Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dashboard
.venv/bin/attribution analyze seeds/000_60e8134fa0df8206.txt
if [[ "${1:-}" == --dashboard ]]; then
    exec .venv/bin/attribution dashboard --seeds seeds
fi
