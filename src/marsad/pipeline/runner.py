"""The `Pipeline`: builds the stages once and streams documents through them in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from marsad.errors import StageOrderError
from marsad.model import Document, Event
from marsad.model.event import assign_ids
from marsad.pipeline.options import Options
from marsad.pipeline.registry import Stage, create

# what a new document has before any stage runs
_GIVEN = frozenset({"text", "metadata"})

# a short made-up report for `Pipeline.warm`: a trigger, actors, a place, a date and a toll
WARM_UP_TEXT = (
    "Government forces shelled the town of Kafr Nabl in Idlib province on Monday, killing three "
    "civilians, a monitor said. Islamic State militants attacked an army post near Palmyra."
)


class Pipeline:
    """Run a sequence of registered stages over documents.

    Build it once (it loads the model and the knowledge files) and reuse it: `pipeline(doc)` for
    one document, `pipeline.pipe(docs)` for a stream, processed in batches of `batch_size`.
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.stages: list[Stage] = [create(name, self.options) for name in self.options.stages]
        self._check_order()

    def _check_order(self) -> None:
        have = set(_GIVEN)
        for stage in self.stages:
            missing = [need for need in stage.needs if need not in have]
            if missing:
                raise StageOrderError(
                    f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage sets; "
                    f"put the stage that sets it before {stage.name!r}"
                )
            have.update(stage.sets)

    def __call__(self, doc: Document) -> Document:
        return self._run_batch([doc])[0]

    def warm(self) -> None:
        """Run one short made-up report through the stages and drop the result, so that what
        stages load on first use (the gazetteer index) is loaded now rather than in the first batch.

        The stages keep no state from one document to the next beyond caches of pure look-ups, so
        warming changes no output.
        """
        self._run_batch([Document(text=WARM_UP_TEXT, id="marsad-warm-up")])

    def pipe(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Document]:
        """Yield each document processed, in input order, holding one batch at a time."""
        size = batch_size or self.options.batch_size
        it = iter(docs)
        while batch := list(islice(it, size)):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        for stage in self.stages:
            batch = stage.process_batch(batch)
            for doc in batch:
                doc.done.update(stage.sets)
        for doc in batch:
            doc.parses = []  # the parse is large and not needed after the stages
            assign_ids(doc.events, doc.content_hash)
        return batch

    def extract(self, doc: Document) -> list[Event]:
        """Process one document and return its events."""
        return list(self(doc).events)
