"""`python -m attribution.launch app.py [streamlit options]`: `streamlit run`, with the models
loaded before the server starts.

Streamlit runs an app's script only when the first browser asks for the page, so the first
visitor after a restart would wait for torch and the models. This loads them first, in the
server's own process; the app's pipeline (`nlp.pipeline`, cached per process) is then already
there when its first run asks for it.
"""

from __future__ import annotations

import sys

from . import nlp


def main(argv: list[str]) -> None:
    nlp.pipeline(nlp.models_dir(), nlp.DEFAULT_PROCESSORS)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
