#!/usr/bin/env bash
# Rebuild the Albanian word lists under attribution/data/ (common_words, offices, names,
# countries .sq.json) from uniparser-albanian (MIT) and babel/CLDR (BSD-3 / Unicode).
# Those packages are build-time only: they go into a throwaway virtualenv outside the
# repository (LEXICON_VENV, default /tmp/attribution-lexicon-venv), never into .venv.
# The versions are pinned so that a rebuild gives the same files. Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${LEXICON_VENV:-/tmp/attribution-lexicon-venv}"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "uniparser-albanian==2.3.0" "uniparser-morph==2.11.0" "babel==2.19.0" "pyyaml"
exec "$venv/bin/python" "$root/scripts/build_lexicons.py" --out "$root/attribution/data" "$@"
