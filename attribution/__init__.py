"""attribution: who said what, how and where, in Albanian news.

>>> from attribution import analyze
>>> analysis = analyze("“Jemi gati”, tha ministri.")
>>> analysis.quotes[0].speaker.name
'ministri'
"""

from importlib.metadata import PackageNotFoundError, version

from .api import analyze, compare, verify_quotes
from .errors import AttributionError, InputError
from .io import SourceDoc
from .model import Analysis, Quote, Speaker, SpeakerRef

try:  # one version, pyproject.toml's, as the installed package records it
    __version__ = version("attribution")
except PackageNotFoundError:  # a source tree used without installing it
    __version__ = "0+unknown"
__all__ = [
    "Analysis",
    "AttributionError",
    "InputError",
    "Quote",
    "SourceDoc",
    "Speaker",
    "SpeakerRef",
    "__version__",
    "analyze",
    "compare",
    "verify_quotes",
]
