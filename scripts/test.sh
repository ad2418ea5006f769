#!/usr/bin/env bash
# Set up, then run the whole test suite (and ruff). Tests that need ../shared skip without it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
scripts/install-chromium.sh  # the real-browser tests (rendered reports, the dashboard) need it
scripts/install-postgresql.sh  # the store tests run against a PostgreSQL server they start
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
