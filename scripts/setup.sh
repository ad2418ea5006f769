#!/usr/bin/env bash
# Create .venv and install attribution into it with the extras asked for (dashboard, dev, …),
# against constraints.txt: the CPU build of torch that lies on disk goes in first, so that
# stanza does not pull a multi-GB CUDA build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --constraint constraints.txt torch
.venv/bin/python -m pip install --quiet --constraint constraints.txt -e ".${extras:+[$extras]}"
