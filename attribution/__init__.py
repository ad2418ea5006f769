"""attribution: who said what, how and where, in Albanian news.

>>> from attribution import analyze
>>> analysis = analyze("“Jemi gati”, tha ministri.")
>>> analysis.quotes[0].speaker.name
'ministri'
"""

from .api import analyze, compare, verify_quotes
from .errors import AttributionError, InputError
from .io import SourceDoc
from .model import Analysis, Quote, Speaker, SpeakerRef

__version__ = "0.1.0"
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
