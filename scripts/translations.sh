#!/usr/bin/env bash
# The interface's gettext catalogs, with Babel: extract the English messages of the code into
# attribution/locale/attribution.pot, merge them into each language's .po, compile the .mo
# files the package ships, and list what is still untranslated. Run it after changing a
# message, translate what it lists, and run it again (tests/test_i18n.py checks the result).
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=.venv/bin/pybabel
locale=attribution/locale
$pybabel -q extract -F babel.cfg --no-location --sort-output --omit-header --no-wrap \
    -o "$locale/attribution.pot" .
for po in "$locale"/*/LC_MESSAGES/attribution.po; do
    lang="$(basename "$(dirname "$(dirname "$po")")")"
    $pybabel -q update -D attribution -i "$locale/attribution.pot" -d "$locale" -l "$lang" \
        --no-fuzzy-matching --ignore-obsolete --no-wrap
    # Babel stamps the time of each run; a fixed stamp keeps an unchanged catalog unchanged.
    sed -i 's/^"POT-Creation-Date: .*"$/"POT-Creation-Date: 2026-01-01 00:00+0000\\n"/' "$po"
done
$pybabel compile -D attribution -d "$locale" --statistics
