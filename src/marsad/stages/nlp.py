"""The spaCy parse: each body paragraph parsed apart, sentences mapped back to document offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from marsad.model import Document, Sentence
from marsad.pipeline import Options, register
from marsad.services.nlp_model import load_model
from marsad.stages.segment import split_units

# the longest text handed to spaCy at once: a longer paragraph is parsed in units cut at sentence
# ends (or, failing those, spaces), each unit's parse keeping its offset into the document
MAX_UNIT_CHARS = 20_000


@dataclass
class ParsedSentence:
    """A sentence's spaCy span, and the document offset of its parse unit's character 0 (the
    paragraph's, unless the paragraph was too long to parse at once).

    `offset + token.idx` is a token's offset in the document text.
    """

    offset: int
    span: Any  # spacy.tokens.Span

    def char(self, token: Any) -> int:
        """The document offset where `token` starts."""
        return int(self.offset + token.idx)


def parsed(doc: Document, index: int) -> ParsedSentence | None:
    """The parse of sentence `index`, or None for a heading or an unparsed document."""
    if index < len(doc.parses):
        result: ParsedSentence | None = doc.parses[index]
        return result
    return None


class NlpStage:
    """Parse body paragraphs in batches with `nlp.pipe`; headings become one unparsed sentence."""

    name: str = "nlp.v1"
    needs: tuple[str, ...] = ("paragraphs",)
    sets: tuple[str, ...] = ("sentences", "parse")

    def __init__(self, options: Options) -> None:
        self.nlp = load_model(options.model)
        self.batch_size = max(8, options.batch_size * 4)

    def __call__(self, doc: Document) -> Document:
        return self.process_batch([doc])[0]

    def process_batch(self, docs: list[Document]) -> list[Document]:
        jobs = [
            (doc, par, unit)
            for doc in docs
            for par in doc.paragraphs
            if not par.is_heading
            for unit in split_units(doc.text, par.start, par.end, MAX_UNIT_CHARS)
        ]
        texts = (_bare_numbers(doc.text[start:end]) for doc, _, (start, end) in jobs)
        parsed = iter(self.nlp.pipe(texts, batch_size=self.batch_size))
        by_doc: dict[int, dict[int, list[tuple[int, Any]]]] = {}
        for doc, par, (start, _) in jobs:
            by_doc.setdefault(id(doc), {}).setdefault(par.index, []).append((start, next(parsed)))
        for doc in docs:
            self._attach(doc, by_doc.get(id(doc), {}))
        return docs

    @staticmethod
    def _attach(doc: Document, spacy_docs: dict[int, list[tuple[int, Any]]]) -> None:
        doc.sentences = []
        doc.parses = []
        for par in doc.paragraphs:
            units = spacy_docs.get(par.index)
            if units is None:
                doc.sentences.append(
                    Sentence(par.start, par.end, index=len(doc.sentences), paragraph=par.index)
                )
                doc.parses.append(None)
                continue
            for offset, sdoc in units:
                for sent in sdoc.sents:
                    text = sent.text
                    if not text.strip():
                        continue
                    start = offset + sent.start_char
                    end = start + len(text.rstrip())
                    doc.sentences.append(Sentence(start, end, index=len(doc.sentences), paragraph=par.index))
                    doc.parses.append(ParsedSentence(offset, sent))


# a count in brackets, as Iraqi and Syrian communiqués write it: "killing (36) terrorists"
_BRACKETED_COUNT = re.compile(r"\((\d[\d,]*)\)(?=\s+[^\W\d])")


def _bare_numbers(text: str) -> str:
    """The paragraph as the parser should read it: "(4) of the attackers" as " 4  of the
    attackers", brackets blanked so that every offset stays the document's."""
    return _BRACKETED_COUNT.sub(lambda m: " " + m.group(1) + " ", text)


@register("nlp.v1")
def make_nlp(options: Options) -> NlpStage:
    """Build the parse stage (loads the model once)."""
    return NlpStage(options)
