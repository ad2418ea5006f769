"""The script `attribution dashboard` runs: Streamlit runs a file, not a function.

Its arguments (after Streamlit's `--`) are the command's: `--seeds DIR`, the articles open
from the start.
"""

import sys
from pathlib import Path

from attribution.page import main

_given = sys.argv[1:]
main(seeds=Path(_given[_given.index("--seeds") + 1]) if "--seeds" in _given else None)
