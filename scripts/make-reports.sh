#!/usr/bin/env bash
# Regenerate reports/: the seed's reviewed reports in every format. The review is
# reports/seed.reviews.jsonl (replayed into a fresh store) and the time stamp is fixed by
# SOURCE_DATE_EPOCH, so the same tool, models and rules give the same files byte for byte.
# With --png, also the pictures: reports/seed-report.png (the HTML report as headless Chromium
# draws it) and reports/dashboard-*.png (the dashboard's browser test, step by step).
set -euo pipefail
cd "$(dirname "$0")/.."
store="$(mktemp -d)/reviews.sqlite3"
seed=seeds/000_60e8134fa0df8206.txt
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795942800}"  # 2026-11-29 09:00 UTC
outlet="Radio Evropa e Lirë"  # the seed is REL's (2022); the file does not say so itself
.venv/bin/attribution review "$seed" --store "$store" --outlet "$outlet" \
    --import reports/seed.reviews.jsonl >/dev/null
.venv/bin/attribution report "$seed" --store "$store" --outlet "$outlet" --format all --out reports \
    --desk "Desk i verifikimit" --url "https://example.org/verifikime/putin-erdogan-2022"
if [[ "${1:-}" == --png ]]; then
    profile="$(mktemp -d)"
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
        --window-size=1200,2400 --screenshot="$PWD/reports/seed-report.png" \
        "file://$PWD/reports/000_60e8134fa0df8206.html" 2>/dev/null
    ATTRIBUTION_SCREENSHOTS="$PWD/reports" .venv/bin/python -m pytest -q tests/test_browser.py
fi
