"""The `Pipeline`: builds the stages once and streams documents through them in batches."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from marsad.errors import DocumentFailedError, StageOrderError
from marsad.model import Document, Event
from marsad.model.event import assign_ids
from marsad.pipeline.options import Options
from marsad.pipeline.registry import Stage, create
from marsad.stages.segment import split_units

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
        # called with the number of characters processed, after each batch and each section
        self.progress: Callable[[int], None] | None = None

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
        """Process one document; should it fail, `doc.failure` says why (and it has no events)."""
        return self._run_batch([doc])[0]

    def warm(self) -> None:
        """Run one short made-up report through the stages and drop the result, so that what
        stages load on first use (the gazetteer index) is loaded now rather than in the first batch.

        The stages keep no state from one document to the next beyond caches of pure look-ups, so
        warming changes no output.
        """
        self._run_batch([Document(text=WARM_UP_TEXT, id="marsad-warm-up")])

    def pipe(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Document]:
        """Yield each document processed, in input order, holding one batch at a time.

        Each document is isolated: one whose processing fails comes out with `failure` set and
        no events, and the others come out exactly as they would without it."""
        size = batch_size or self.options.batch_size
        it = iter(docs)
        while batch := list(islice(it, size)):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        """The batch processed, in order: documents longer than a section each in sections, the
        others together; when the batch fails, its documents one by one."""
        limit = self.options.section_chars
        small = [doc for doc in batch if len(doc.text) <= limit]
        done = dict(zip(map(id, small), self._isolated(small), strict=True)) if small else {}
        self._advance(sum(len(doc.text) for doc in small))
        return [done[id(doc)] if id(doc) in done else self._in_sections(doc) for doc in batch]

    def _isolated(self, batch: list[Document]) -> list[Document]:
        """Run the stages over the batch; if they fail, over each document alone (from its
        pristine copy), so that a failure costs only the document that causes it."""
        pristine = [_pristine(doc) for doc in batch]
        try:
            return self._run_stages(batch)
        except Exception as exc:
            if len(batch) == 1:
                return [_failed(pristine[0], f"{type(exc).__name__}: {exc}")]
        return [self._isolated([doc])[0] for doc in pristine]

    def _run_stages(self, batch: list[Document]) -> list[Document]:
        for stage in self.stages:
            batch = stage.process_batch(batch)
            for doc in batch:
                doc.done.update(stage.sets)
        for doc in batch:
            doc.parses = []  # the parse is large and not needed after the stages
            assign_ids(doc.events, doc.content_hash)
        return batch

    def _advance(self, chars: int) -> None:
        if self.progress is not None and chars:
            self.progress(chars)

    def _in_sections(self, doc: Document) -> Document:
        """A long document processed one section at a time (cut at paragraph breaks, else at
        sentence ends, else by length), so memory holds one section's parse, never the whole
        document's; the sections' sentences, mentions and events are put back at their offsets
        in the whole text."""
        whole = _pristine(doc)
        for start, end in split_units(doc.text, 0, len(doc.text), self.options.section_chars):
            part = dataclasses.replace(_pristine(doc), text=doc.text[start:end])
            done = self._isolated([part])[0]
            if done.failure:
                return _failed(whole, f"{done.failure} (in characters {start}-{end})")
            _append_shifted(whole, done, start)
            self._advance(end - start)
            whole.done |= done.done
            whole.reference_date = whole.reference_date or done.reference_date
        assign_ids(whole.events, whole.content_hash)
        return whole

    def extract(self, doc: Document) -> list[Event]:
        """Process one document and return its events; raise DocumentFailedError if it fails."""
        done = self(doc)
        if done.failure:
            raise DocumentFailedError(done.label, f"processing failed ({done.failure})")
        return list(done.events)


# what a document holds before any stage runs; everything else is the stages' annotations
_GIVEN_FIELDS = ("text", "id", "title", "source", "url", "published", "country", "origin")


def _pristine(doc: Document) -> Document:
    """A fresh copy of a document as it was read, before any stage annotated it."""
    fresh = Document(**{name: getattr(doc, name) for name in _GIVEN_FIELDS})
    fresh.provenance = dict(doc.provenance)
    return fresh


def _failed(doc: Document, reason: str) -> Document:
    """The document marked as failed, without events; `failure` says why."""
    doc.failure = reason
    doc.events = []
    return doc


def _append_shifted(whole: Document, part: Document, offset: int) -> None:
    """Add a section's paragraphs, sentences, mentions and events to the whole document, their
    offsets moved by `offset` and their indexes by the counts already there."""
    npar, nsent = len(whole.paragraphs), len(whole.sentences)
    move = dataclasses.replace
    whole.paragraphs += [
        move(p, start=p.start + offset, end=p.end + offset, index=p.index + npar) for p in part.paragraphs
    ]
    whole.sentences += [
        move(
            s, start=s.start + offset, end=s.end + offset, index=s.index + nsent, paragraph=s.paragraph + npar
        )
        for s in part.sentences
    ]
    whole.mentions += [
        move(m, start=m.start + offset, end=m.end + offset, sentence=m.sentence + nsent)
        for m in part.mentions
    ]
    for event in part.events:
        if event.trigger is not None:
            trig = event.trigger
            event.trigger = move(
                trig, start=trig.start + offset, end=trig.end + offset, sentence=trig.sentence + nsent
            )
        event.evidence = [move(e, start=e.start + offset, end=e.end + offset) for e in event.evidence]
        if event.place_span is not None:
            event.place_span = (event.place_span[0] + offset, event.place_span[1] + offset)
        whole.events.append(event)
