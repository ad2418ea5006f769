"""The dashboard: `python -m attribution.launch app.py` (or `streamlit run app.py`).

The page itself is `attribution.page`; this file names the seed articles open from the start.
"""

from pathlib import Path

from attribution.page import main

main(seeds=Path(__file__).resolve().parent / "seeds")
