#!/usr/bin/env bash
# Create .venv and install attribution into it, with the CPU build of torch that lies on disk
# (installed first, so that stanza does not pull a multi-GB CUDA build). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
