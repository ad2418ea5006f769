"""`python -m attribution.launch app.py [streamlit options]`: `streamlit run`, with the models
loaded before the server starts.

Streamlit runs an app's script only when the first browser asks for the page, so the first
visitor after a restart would wait for torch and the models. This loads them first, in the
server's own process; the app's pipeline (`nlp.pipeline`, cached per process) is then already
there when its first run asks for it. The server's settings the tool needs (its upload
limit, no usage statistics, no file watching) are set here, so they hold wherever the page is
started from.
"""

from __future__ import annotations

import sys

from . import nlp, settings
from .errors import AttributionError
from .io import MAX_BYTES

# What every start of the page sets, wherever it is started (`.streamlit/config.toml` holds the
# same for a plain `streamlit run app.py` in the checkout); options given after them win.
SERVER_SETTINGS = (
    f"--server.maxUploadSize={MAX_BYTES // 2**20}",  # Streamlit's MB: the tool's own limit
    "--browser.gatherUsageStats=false",  # a desk's readers are not reported anywhere
    "--server.fileWatcherType=none",  # each new session would walk every loaded module
)


def main(argv: list[str]) -> None:
    try:
        settings.configure_logging()
        nlp.pipeline(nlp.models_dir(), nlp.DEFAULT_PROCESSORS)
    except AttributionError as exc:
        sys.exit(f"attribution: {exc}")
    from streamlit.web import cli

    script, *options = argv
    sys.argv = ["streamlit", "run", script, *SERVER_SETTINGS, *options]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
