"""The Dask worker plugin of the batch engine: each worker loads the models once, at start."""

from __future__ import annotations

from distributed import WorkerPlugin


class ModelLoader(WorkerPlugin):
    def setup(self, worker) -> None:
        from . import nlp

        nlp.pipeline(nlp.models_dir(), nlp.DEFAULT_PROCESSORS)
